import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiProblem } from '../api/problem.ts';

/** What went wrong, in the user's language: the server's problem+json message, or the error's text. */
export function useProblem() {
  const { locale } = useI18n();
  const error = ref('');
  const explain = (e: unknown) => (e instanceof ApiProblem ? e.text(locale.value) : String(e));

  /** Runs `work`, showing a failure in `error`; answers undefined when it failed. */
  async function guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    error.value = '';
    try {
      return await work();
    } catch (e) {
      error.value = explain(e);
      return undefined;
    }
  }
  return { error, guard, explain };
}

/** A form's submit: one at a time (a second click while busy does nothing), failure shown in `error`. */
export function useAction() {
  const { error, guard, explain } = useProblem();
  const busy = ref(false);
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    try {
      return await guard(work);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run, explain };
}
