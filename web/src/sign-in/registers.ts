import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import type { SignInRegister } from '@contract/shop.ts';

// A till keeps its register across sign-ins: the next cashier only types username and PIN.
const registerKey = 'clientele.registerId';

function rememberedRegister(): string {
  try {
    return localStorage.getItem(registerKey) ?? '';
  } catch {
    return '';
  }
}

export function rememberRegister(id: string): void {
  try {
    localStorage.setItem(registerKey, id);
  } catch {
    // Private mode or storage disabled: the register is simply asked for again.
  }
}

/** Registers grouped under their outlet, in the order the server lists them. */
export function byOutlet(registers: readonly SignInRegister[]): [string, SignInRegister[]][] {
  const groups = new Map<string, SignInRegister[]>();
  for (const r of registers) groups.set(r.outletName, [...(groups.get(r.outletName) ?? []), r]);
  return [...groups];
}

/**
 * The registers a till may be, and the one chosen: the remembered one while it still
 * exists, or the only one there is.
 */
export function useRegisterChoice() {
  const [registers, setRegisters] = useState<SignInRegister[] | null>(null);
  const [registerId, setRegisterId] = useState(rememberedRegister);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .registers()
      .then(({ registers }) => {
        setRegisters(registers);
        setRegisterId((current) => {
          if (registers.some((r) => r.id === current)) return current;
          return registers.length === 1 && registers[0] !== undefined ? registers[0].id : '';
        });
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  return { registers, registerId, setRegisterId, error };
}
