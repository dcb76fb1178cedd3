import { EngineConflict, EngineError, EngineInvalid, EngineNotFound, EngineUnavailable, EngineUnsupported } from '../errors.ts';

/** gRPC status codes the adapter tells apart (the gateway's answers, see the Zeebe gateway protocol). */
export const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, ALREADY_EXISTS: 6, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 } as const;

export const grpcCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
};

/**
 * Turns a gateway refusal into the port's engine errors: NOT_FOUND → EngineNotFound with `notFound`'s
 * wording, INVALID_ARGUMENT → EngineInvalid (the broker refused the resource or request), FAILED_PRECONDITION
 * and ALREADY_EXISTS → EngineConflict, anything else → EngineUnavailable ENGINE_UNAVAILABLE (the engine did
 * not answer as it should; the caller may retry).
 */
export function fromGrpc(error: unknown, notFound: { code?: string; en: string; zh: string }): EngineError {
  const message = (error as Error)?.message ?? String(error);
  switch (grpcCode(error)) {
    case GRPC.NOT_FOUND:
      return new EngineNotFound({ code: notFound.code ?? 'NOT_FOUND', zh: notFound.zh, en: notFound.en, cause: error });
    case GRPC.INVALID_ARGUMENT:
      return new EngineInvalid({ code: 'ENGINE_REFUSED', zh: '工作流引擎拒绝了请求', en: `Zeebe refused the request: ${message}`, cause: error });
    case GRPC.FAILED_PRECONDITION:
      return new EngineConflict({ code: 'ENGINE_PRECONDITION_FAILED', zh: '工作流引擎拒绝了当前状态下的操作', en: `Zeebe refused the request in the current state: ${message}`, cause: error });
    case GRPC.ALREADY_EXISTS:
      return new EngineConflict({ code: 'ALREADY_EXISTS', zh: '重复的请求', en: `Zeebe reports a duplicate: ${message}`, cause: error });
    default:
      return new EngineUnavailable({ code: 'ENGINE_UNAVAILABLE', zh: '工作流引擎暂时不可用', en: `Zeebe did not answer as expected: ${message}`, cause: error });
  }
}

/** Zeebe's deploy refusals, by what its message says, each to the code the embedded executor uses for the same fault. */
const DEPLOY_REFUSALS: Array<[RegExp, string]> = [
  [/Event-based gateway must have at least 2 outgoing sequence flows/, 'MISSING_OUTGOING_REFERENCES'],
  [/failed to parse expression|FEEL/i, 'FEEL_SYNTAX_ERROR'],
  [/DOCTYPE|DTD/i, 'BPMN_DOCTYPE_REFUSED'],
  [/Failed to parse|XML|not a valid|Content is not allowed/i, 'BPMN_PARSE_ERROR'],
];

/**
 * A deploy refused by Zeebe (INVALID_ARGUMENT): EngineInvalid with a code telling the fault apart and Zeebe's own
 * message, which names the element; other faults as `fromGrpc`.
 */
export function deployRefusal(error: unknown): EngineError {
  if (grpcCode(error) !== GRPC.INVALID_ARGUMENT) return fromGrpc(error, { en: 'resource', zh: '资源' });
  const message = ((error as Error)?.message ?? String(error)).replace(/^\d+ INVALID_ARGUMENT: /, '');
  const code = DEPLOY_REFUSALS.find(([pattern]) => pattern.test(message))?.[1] ?? 'ZEEBE_DEPLOY_REFUSED';
  return new EngineInvalid({ code, zh: `Zeebe 拒绝部署：${message}`, en: `Zeebe refused the deployment: ${message}`, cause: error });
}

/** What the gateway API cannot do; the port method says so instead of pretending. */
export const notOfferedByGateway = (what: string) =>
  new EngineUnsupported({ code: 'ENGINE_CAPABILITY_MISSING', zh: `Zeebe 网关接口不提供此功能：${what}`, en: `The Zeebe gateway API does not offer this: ${what}` });
