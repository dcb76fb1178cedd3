/** An application/problem+json answer of the server, kept whole so the page can show its Chinese text. */
export interface ProblemBody {
  status: number;
  code: string;
  title?: string;
  message?: { zh: string; en: string };
  fields?: Array<{ field: string; message: string }>;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly fields: Array<{ field: string; message: string }>;

  constructor(body: ProblemBody) {
    super(body.message?.en ?? body.title ?? body.code);
    this.status = body.status;
    this.code = body.code;
    this.zh = body.message?.zh ?? body.title ?? body.code;
    this.en = body.message?.en ?? body.title ?? body.code;
    this.fields = body.fields ?? [];
  }

  /** The message in the user's language, with the fields the server named. */
  text(locale: string): string {
    const main = locale.startsWith('zh') ? this.zh : this.en;
    return main;
  }
}

/** A network failure as a problem, so pages show one kind of error. */
export const offline = () => new ApiProblem({ status: 0, code: 'NETWORK', message: { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server' } });
