"""OneWindow's own rules for every answer the fuzzer provokes (loaded through SCHEMATHESIS_HOOKS).

- no 5xx at all (schemathesis' not_a_server_error is also on);
- every error answer (4xx) is application/problem+json with a stable code and a Chinese and an
  English message;
- no answer carries a stack trace or a file path of the server.
"""
import json
import re

import schemathesis

STACK = re.compile(r"\n\s+at [\w.<>]+ \(|node:internal|/server/src/|\.ts:\d+:\d+")


@schemathesis.check
def problem_json_errors(ctx, response, case):
    status = response.status_code
    if status < 400:
        return None
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    assert content_type.startswith("application/problem+json"), f"{status} answered as {content_type!r}, not application/problem+json"
    body = json.loads(response.text)
    assert isinstance(body.get("code"), str) and body["code"], "a problem without a stable code"
    message = body.get("message") or {}
    assert isinstance(message, dict) and message.get("zh") and message.get("en"), "a problem without a Chinese and an English message"
    return None


@schemathesis.check
def no_stack_trace(ctx, response, case):
    assert not STACK.search(response.text or ""), "the answer shows a stack trace or a server file path"
    return None
