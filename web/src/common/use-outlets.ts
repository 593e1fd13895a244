import { useEffect, useState } from 'react';
import { api } from '../api.ts';

/** The shop's outlets for a filter or a choice; empty until they arrive (or if they cannot). */
export function useOutlets(): { id: string; name: string }[] {
  const [outlets, setOutlets] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    api
      .outlets()
      .then((answer) => live && setOutlets(answer.outlets))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return outlets;
}
