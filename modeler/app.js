// The first working page: sign in and browse the matter catalogue. The Vue 3 + Element Plus
// front end (modeler, task board, front desk, dashboard) replaces it; see docs/architecture.md.
const handling = { immediate: '即办件', promised: '承诺件' };
let token = sessionStorage.getItem('token');

const $ = (id) => document.getElementById(id);
const text = (value) => document.createTextNode(value ?? '');

async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${body.message?.zh ?? ''} ${body.message?.en ?? res.status}`);
  return body;
}

async function showCatalog(q = '') {
  const me = await api('/api/auth/me');
  $('who').replaceChildren(text(`${me.displayName}（${me.roles.map((r) => r.name.zh).join('、')}）`));
  $('sign-in').hidden = true;
  $('catalog').hidden = false;
  const page = await api(`/api/matters?pageSize=100${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  $('total').replaceChildren(text(`共 ${page.total} 项 / ${page.total} matters`));
  $('matters').replaceChildren(...page.items.map((m) => {
    const row = document.createElement('tr');
    for (const cell of [m.code, m.nameZh, m.departmentCode, handling[m.handlingType], String(m.promisedDays)]) {
      const td = document.createElement('td');
      td.append(text(cell));
      row.append(td);
    }
    return row;
  }));
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const body = await api('/api/auth/sign-in', { method: 'POST', body: JSON.stringify({ username: form.get('username'), password: form.get('password') }) });
    token = body.accessToken;
    sessionStorage.setItem('token', token);
    await showCatalog();
  } catch (error) {
    $('sign-in-error').replaceChildren(text(error.message));
  }
});

$('search').addEventListener('submit', (event) => {
  event.preventDefault();
  showCatalog(new FormData(event.target).get('q')).catch((error) => alert(error.message));
});

if (token) showCatalog().catch(() => { token = null; sessionStorage.removeItem('token'); });
