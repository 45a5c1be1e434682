// Connects a policy to the tool registry's `permit` hook. Interactive callers pass `approve`;
// headless callers pass none, and then every "ask" becomes a deny with a reason saying how to allow it.
import { answerParts, type ApprovalAnswer } from '../../core/approval.js';
import type { ToolKind } from '../../core/tool.js';
import { loadShellParser } from './shell-parse.js';
import { compilePolicy, type PermissionRequest, type PermissionVerdict, type Policy } from './policy.js';

/** An interactive answer: once, always for this session (grants the exact request), no, or no with a reason. */
export type Approval = ApprovalAnswer;

export interface PermitOptions {
  workspace: string;
  /** Asks the user. Absent in headless runs, where ask ⇒ deny. */
  /** `call` is the request as the caller passed it (with any fields of its own, e.g. what to show the user). */
  approve?: (request: PermissionRequest, verdict: PermissionVerdict, call: PermitCall) => Promise<Approval>;
  /** Called with every decision, e.g. to emit permission events or report headless refusals. */
  onDecision?: (request: PermissionRequest, verdict: PermissionVerdict) => void;
}

export type PermitCall = { name: string; kind: ToolKind; input: unknown };

export type PermitFunction = <Call extends PermitCall>(request: Call) => Promise<{ allow: true } | { allow: false; reason: string }>;

/** Loads the shell grammar and compiles the policy (see compilePolicy). */
export async function loadPolicy(config: unknown): Promise<Policy> {
  return compilePolicy(config, await loadShellParser());
}

/** Headless runs cannot ask, so an "ask" is refused with a hint naming the flag or rule that would allow it. */
export function asDenyWhenHeadless(verdict: PermissionVerdict): PermissionVerdict {
  if (verdict.decision !== 'ask') return verdict;
  return {
    ...verdict,
    decision: 'deny',
    reason: `${verdict.reason}; this run cannot ask, so it was refused (allow it with --allow "RULE" or a permissions.allow rule in .summon/config.json)`,
  };
}

export function createPermit(policy: Policy, options: PermitOptions): PermitFunction {
  return async (call) => {
    const request: PermissionRequest = { tool: call.name, kind: call.kind, input: call.input, workspace: options.workspace };
    let verdict = policy.decide(request);
    if (verdict.decision === 'ask') {
      if (!options.approve) verdict = asDenyWhenHeadless(verdict);
      else {
        const { answer, reason } = answerParts(await options.approve(request, verdict, call));
        verdict = answer === 'deny' ? { ...verdict, decision: 'deny', reason: `refused by the user${reason ? `: ${reason}` : ''}` } : { ...verdict, decision: 'allow', reason: 'approved by the user' };
        if (answer === 'allow-always') policy.grantRequest(request);
      }
    }
    options.onDecision?.(request, verdict);
    return verdict.decision === 'allow' ? { allow: true } : { allow: false, reason: verdict.reason };
  };
}
