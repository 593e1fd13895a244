import { useCallback, useState } from 'react';
import { api } from '../../api.ts';
import { useSubmitOnce } from '../../common/use-submit-once.ts';
import type { Product, Sale, SaleInput } from '../../types.ts';
import { addProduct, type DraftLine } from './sale-lines.ts';

export type Who = { id: string; name: string; number: string };

export type SaleStage = 'items' | 'pay' | 'done';

type State = {
  started: boolean;
  lines: DraftLine[];
  customer: Who | null;
  /** The sale has just started without a customer: ask for one first (Skip goes on). */
  prompting: boolean;
  stage: SaleStage;
  receipt: Sale | null;
};

const empty: State = {
  started: false,
  lines: [],
  customer: null,
  prompting: false,
  stage: 'items',
  receipt: null,
};

const sendSale = (body: SaleInput, key: string) =>
  api.completeSale(body, key).then((answer) => answer.sale);

/**
 * The sale being rung up at the till. It lives above the sale screen so that switching to
 * the customer search and back keeps the basket. One Idempotency-Key per sale.
 */
/** `promptForCustomer`: the outlet's setting to ask for the customer at the start of each sale. */
export function useSaleDraft(promptForCustomer = true) {
  const [state, setState] = useState<State>(empty);
  const once = useSubmitOnce(sendSale);
  const { reset, submit } = once;

  const patch = useCallback((change: Partial<State>) => {
    setState((current) => ({ ...current, ...change }));
  }, []);

  /** A sale starts with the till's customer, or asks for one. Nothing if one is under way. */
  const start = useCallback(
    (customer: Who | null) => {
      setState((current) =>
        current.started
          ? current
          : {
              ...empty,
              started: true,
              customer,
              prompting: customer === null && promptForCustomer,
            },
      );
    },
    [promptForCustomer],
  );

  const newSale = useCallback(() => {
    reset();
    setState({ ...empty, started: true, prompting: promptForCustomer });
  }, [reset, promptForCustomer]);

  const add = useCallback((product: Product) => {
    setState((current) => ({
      ...current,
      lines: addProduct(current.lines, product),
      prompting: false,
      stage: current.stage === 'done' ? current.stage : 'items',
    }));
  }, []);

  /** Adds the product with this barcode or SKU; the error's message when there is none. */
  const addByCode = useCallback(
    async (code: string): Promise<{ ok: true } | { ok: false; error: unknown }> => {
      try {
        const { product } = await api.product(code);
        add(product);
        return { ok: true };
      } catch (error) {
        return { ok: false, error };
      }
    },
    [add],
  );

  const setLine = useCallback((index: number, change: Partial<DraftLine>) => {
    setState((current) => ({
      ...current,
      lines: current.lines.map((line, i) => (i === index ? { ...line, ...change } : line)),
    }));
  }, []);

  const removeLine = useCallback((index: number) => {
    setState((current) => ({ ...current, lines: current.lines.filter((_, i) => i !== index) }));
  }, []);

  const complete = useCallback(
    async (body: SaleInput) => {
      const answer = await submit(body);
      if (answer.ok) patch({ stage: 'done', receipt: answer.value });
    },
    [submit, patch],
  );

  return {
    ...state,
    busy: once.busy,
    error: once.error,
    start,
    newSale,
    add,
    addByCode,
    setLine,
    removeLine,
    attach: (customer: Who) => patch({ customer, prompting: false }),
    detach: () => patch({ customer: null }),
    skip: () => patch({ prompting: false }),
    pay: () => patch({ stage: 'pay' }),
    back: () => {
      once.clearError();
      patch({ stage: 'items' });
    },
    complete,
    /** After attaching the completed sale to a customer from the receipt screen. */
    updateReceipt: (sale: Sale) => patch({ receipt: sale, customer: sale.customer }),
  };
}

export type SaleDraft = ReturnType<typeof useSaleDraft>;
