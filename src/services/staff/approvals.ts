import { can, type Permission } from '../../domain/permissions.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findStaffByUsername } from '../../store/staff.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { verifySecret } from '../platform/secrets.ts';

/** A supervisor's username and PIN, typed at the till. */
export type ApprovalInput = { username: string; pin: string };

/**
 * Whoever acts may do it themselves when their role allows; otherwise a supervisor
 * with that permission approves on the spot with their PIN. A refused approval is
 * audited, so PIN guessing leaves a trail.
 */
export async function requireApproval({
  deps,
  actor,
  permission,
  approval,
  need,
}: {
  deps: ServiceDeps;
  actor: Actor;
  permission: Permission;
  approval: ApprovalInput | undefined;
  need: {
    message: string;
    action: string;
    details?: Record<string, unknown>;
    audit?: Record<string, unknown>;
  };
}): Promise<Result<{ approvedByStaffId: string | null }>> {
  if (can(actor.role, permission)) {
    return ok({ approvedByStaffId: actor.kind === 'staff' ? actor.staffId : null });
  }
  if (!approval) {
    return fail('approval_required', need.message, {
      field: 'approval',
      ...(need.details ? { details: need.details } : {}),
    });
  }
  const supervisor = await findStaffByUsername(deps.db, approval.username.trim().toLowerCase());
  const valid = await verifySecret(supervisor?.pinHash ?? null, approval.pin);
  if (!supervisor || !valid || !supervisor.active || !can(supervisor.role, permission)) {
    await recordAudit({
      db: deps.db,
      actor,
      entry: {
        action: `${need.action}.approval_refused`,
        detail: { approver: approval.username.slice(0, 40), ...need.audit },
      },
    });
    return fail(
      'approval_required',
      'The approval did not come from a supervisor with a valid PIN',
      {
        field: 'approval',
        ...(need.details ? { details: need.details } : {}),
      },
    );
  }
  return ok({ approvedByStaffId: supervisor.id });
}
