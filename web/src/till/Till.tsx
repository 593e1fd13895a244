import { useCan, useSession } from '../session.ts';
import { RegisterPicker } from './RegisterPicker.tsx';
import { TillScreen } from './TillScreen.tsx';

/**
 * The till. Someone who may sell or take returns but signed in without a register (in the
 * back office) picks one first: a sale made nowhere would only fail later.
 */
export function Till() {
  const { session } = useSession();
  const can = useCan();
  const sells = can('sale.create') || can('sale.return');
  if (sells && session.register === null) return <RegisterPicker />;
  return <TillScreen />;
}
