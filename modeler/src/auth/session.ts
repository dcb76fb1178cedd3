import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, connectSession } from '../api/client.ts';
import { clearRules, loadRules } from './ability.ts';

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  roles: Array<{ role: string; name: { zh: string; en: string } }>;
  departmentCode?: string;
  servesDepartmentCodes: string[];
  windowNumber?: string;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
  user: SignedInUser;
}

// Per tab: closing the tab ends what the browser keeps (the server's session ends by its own clock).
const STORAGE_KEY = 'onewindow.session';

/**
 * The signed-in user, their tokens and their CASL rules. When the server says the session is over,
 * `renew` first trades the refresh token; if that fails it opens the re-sign-in dialog and waits,
 * so the page underneath (and any half-filled form) is kept.
 */
export const useSession = defineStore('session', () => {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  const tokens = ref<Tokens | undefined>(saved ? (JSON.parse(saved) as Tokens) : undefined);
  const rulesLoaded = ref(false);
  const reauthOpen = ref(false);
  let waiting: Array<(ok: boolean) => void> = [];

  const user = computed(() => tokens.value?.user);
  const signedIn = computed(() => Boolean(tokens.value));

  function store(next: Tokens | undefined) {
    tokens.value = next;
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
  }

  async function loadAbility() {
    const { rules } = await api.get<{ rules: never[] }>('/api/auth/abilities');
    loadRules(rules);
    rulesLoaded.value = true;
  }

  async function signIn(username: string, password: string) {
    const answer = await api.post<Tokens>('/api/auth/sign-in', { username, password }, { anonymous: true });
    const sameUser = !tokens.value || tokens.value.user.id === answer.user.id;
    store({ accessToken: answer.accessToken, refreshToken: answer.refreshToken, user: answer.user });
    await loadAbility();
    if (reauthOpen.value) finishReauth(sameUser);
  }

  async function refresh(): Promise<boolean> {
    const current = tokens.value;
    if (!current) return false;
    try {
      const answer = await api.post<Tokens>('/api/auth/refresh', { refreshToken: current.refreshToken }, { anonymous: true });
      store({ accessToken: answer.accessToken, refreshToken: answer.refreshToken, user: answer.user });
      return true;
    } catch {
      return false;
    }
  }

  function finishReauth(ok: boolean) {
    reauthOpen.value = false;
    const resolve = waiting;
    waiting = [];
    for (const r of resolve) r(ok);
  }

  /** Called by the API client on a 401: refresh, else ask the user to sign in again. */
  async function renew(): Promise<boolean> {
    if (!tokens.value) return false;
    if (!reauthOpen.value && (await refresh())) return true;
    reauthOpen.value = true;
    return new Promise<boolean>((resolve) => waiting.push(resolve));
  }

  async function signOut() {
    const current = tokens.value;
    store(undefined);
    clearRules();
    rulesLoaded.value = false;
    if (current) await api.post('/api/auth/sign-out', { refreshToken: current.refreshToken }, { anonymous: true }).catch(() => undefined);
  }

  /** The user gave up on signing in again: the waiting requests fail, the app goes to the sign-in page. */
  function abandonReauth() {
    finishReauth(false);
    store(undefined);
    clearRules();
  }

  connectSession({ token: () => tokens.value?.accessToken, renew });
  return { user, signedIn, rulesLoaded, reauthOpen, signIn, signOut, loadAbility, abandonReauth };
});
