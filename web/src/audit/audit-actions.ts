/**
 * What each logged action code means, in the words of the shop. The filter offers these
 * groups; a code the server logs that is not here still shows, spelled out from the code.
 */
export const actionGroups: { group: string; actions: Record<string, string> }[] = [
  {
    group: 'Customers',
    actions: {
      'customer.created': 'Customer created',
      'customer.contacts_revealed': 'Contact details revealed',
      'customer.merged': 'Customers merged',
      'customers.imported': 'Customers imported',
      'customers.exported': 'Customers exported',
      'segment.sms_exported': 'SMS list exported for a segment',
      'customer.exported': 'One customer’s data exported',
      'customer.erased': 'Customer’s personal data erased',
      'customer.profiling_objected': 'Objected to profiling',
      'customer.profiling_objection_cleared': 'Objection to profiling withdrawn',
      'rights_request.opened': 'Data request recorded',
      'rights_request.done': 'Data request done',
      'group.member_added': 'Added to a group',
      'group.member_removed': 'Removed from a group',
    },
  },
  {
    group: 'Sales and returns',
    actions: {
      'sale.voided': 'Sale voided',
      'sale.attached': 'Sale attached to a customer',
      'sale.detached': 'Sale detached from a customer',
      'sales.detached_after_retention': 'Erased customers’ old sales detached (retention)',
      'return.no_receipt': 'Refund without receipt',
      'return.approved': 'Refund without receipt approved',
      'receipt.emailed': 'Receipt emailed',
      'sales.imported': 'Sales history imported',
    },
  },
  {
    group: 'Gift cards and store credit',
    actions: {
      'giftcard.adjust': 'Gift card adjusted',
      'giftcard.block': 'Gift card blocked',
      'giftcard.unblock': 'Gift card unblocked',
      'giftcard.deactivate': 'Gift card deactivated',
      'giftcard.clear': 'Gift card cleared',
      'giftcard.linked': 'Gift card linked to a customer',
      'giftcard.unlinked': 'Gift card unlinked from its customer',
      'giftcard.emailed': 'Gift card emailed',
      'giftcard.balance_checked': 'Gift card balance checked',
      'giftcard.balance_check_failed': 'Gift card balance check failed',
      'giftcard.range_generated': 'Gift card numbers generated',
      'giftcards.imported': 'Gift cards imported',
      'storecredit.adjusted': 'Store credit adjusted',
    },
  },
  {
    group: 'Loyalty',
    actions: {
      'loyalty.points_adjusted': 'Points adjusted',
      'loyalty.rules_changed': 'Loyalty rules changed',
      'loyalty.promotion_saved': 'Promotion saved',
      'loyalty.reward_saved': 'Reward saved',
      'group.saved': 'Group saved',
    },
  },
  {
    group: 'Staff and sign-in',
    actions: {
      'auth.signed_in': 'Signed in',
      'auth.sign_in_failed': 'Sign-in failed',
      'staff.created': 'Staff member added',
      'staff.updated': 'Staff member changed',
      'api_key.created': 'API key created',
      'api_key.revoked': 'API key revoked',
    },
  },
  {
    group: 'Shop',
    actions: {
      'settings.updated': 'Settings changed',
      'outlet.created': 'Outlet added',
      'outlet.updated': 'Outlet changed',
      'register.created': 'Register added',
      'product.saved': 'Product saved',
      'products.imported': 'Products imported',
    },
  },
];

const labels: Record<string, string> = Object.assign(
  {},
  ...actionGroups.map((group) => group.actions),
);

// What an approval was for, when a supervisor's PIN was refused.
const approvalFor: Record<string, string> = {
  return: 'refund',
  'sale.void': 'void',
  'loyalty.adjust': 'points adjustment',
};

function spelledOut(code: string): string {
  const text = code.replace(/[._]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "customer.contacts_revealed" → "Contact details revealed". */
export function actionLabel(code: string): string {
  const known = labels[code];
  if (known) return known;
  const refused = /^(.*)\.approval_refused$/.exec(code);
  if (refused) {
    const what = approvalFor[refused[1]!] ?? spelledOut(refused[1]!).toLowerCase();
    return `Approval refused (${what})`;
  }
  return spelledOut(code);
}
