import { useCallback, useState } from 'react';
import { api } from '../../api.ts';
import { useSubmitOnce } from '../../common/use-submit-once.ts';
import { announceCustomerChange } from '../../common/customer-changes.ts';
import type { Product } from '@contract/catalogue.ts';
import type { Reward } from '@contract/loyalty.ts';
import type { GiftCardDelivery, Sale, SaleBody } from '@contract/sales.ts';
import { estimateLoyalty } from './loyalty-estimate.ts';
import { addProduct, estimate, type DraftLine } from './sale-lines.ts';
import { valueLinesProblem, type ValueLine } from './value-lines.ts';

export type Who = { id: string; name: string; number: string };

export type SaleStage = 'items' | 'pay' | 'done';

type State = {
  started: boolean;
  lines: DraftLine[];
  /** Gift cards and store credit sold. */
  valueLines: ValueLine[];
  customer: Who | null;
  /** A loyalty reward the customer redeems on this sale (it belongs to that customer). */
  reward: Reward | null;
  /** The sale has just started without a customer: ask for one first (Skip goes on). */
  prompting: boolean;
  stage: SaleStage;
  receipt: Sale | null;
  /** Digital gift cards of the completed sale: whether each email went out. */
  deliveries: GiftCardDelivery[];
};

const empty: State = {
  started: false,
  lines: [],
  valueLines: [],
  customer: null,
  reward: null,
  prompting: false,
  stage: 'items',
  receipt: null,
  deliveries: [],
};

const sendSale = (body: SaleBody, key: string) => api.completeSale(body, key);

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

  const addValue = useCallback((line: ValueLine) => {
    setState((current) => ({
      ...current,
      valueLines: [...current.valueLines, line],
      prompting: false,
      stage: current.stage === 'done' ? current.stage : 'items',
    }));
  }, []);

  const removeValue = useCallback((index: number) => {
    setState((current) => ({
      ...current,
      valueLines: current.valueLines.filter((_, i) => i !== index),
    }));
  }, []);

  const complete = useCallback(
    async (body: SaleBody) => {
      const answer = await submit(body);
      if (answer.ok) {
        const { sale, giftCardDeliveries } = answer.value;
        patch({ stage: 'done', receipt: sale, deliveries: giftCardDeliveries });
        // Spend, visits, points and store credit moved: their views on the screen load again.
        announceCustomerChange(sale.customer?.id);
      }
    },
    [submit, patch],
  );

  return {
    ...state,
    /** The basket is valid and every line can go through: Pay (F4) may be pressed. */
    payable:
      estimate(state.lines, state.valueLines).valid &&
      valueLinesProblem(state.valueLines, state.customer !== null) === null &&
      // A free-product reward needs its product in the basket (groups do not change that).
      estimateLoyalty(state.lines, [], state.reward).rewardProblem === null,
    busy: once.busy,
    error: once.error,
    start,
    newSale,
    add,
    addByCode,
    setLine,
    removeLine,
    addValue,
    removeValue,
    attach: (customer: Who) =>
      setState((current) => ({
        ...current,
        customer,
        prompting: false,
        reward: current.customer?.id === customer.id ? current.reward : null,
      })),
    detach: () => patch({ customer: null, reward: null }),
    /** One reward per sale: choosing another replaces it. */
    redeem: (reward: Reward) => patch({ reward }),
    removeReward: () => patch({ reward: null }),
    skip: () => patch({ prompting: false }),
    pay: () => patch({ stage: 'pay' }),
    back: () => {
      once.clearError();
      patch({ stage: 'items' });
    },
    complete,
    /** After attaching the completed sale to a customer from the receipt screen. */
    updateReceipt: (sale: Sale) => {
      patch({ receipt: sale, customer: sale.customer });
      announceCustomerChange(sale.customer?.id);
    },
  };
}

export type SaleDraft = ReturnType<typeof useSaleDraft>;
