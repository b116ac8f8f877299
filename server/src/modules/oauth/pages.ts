// The server-rendered pages of the authorization-code flow: sign-in and consent. They are plain
// HTML forms so they work before (and without) the web app's JavaScript.
import type { Scope } from '../../platform/principal.ts';

const SCOPE_TEXT: Record<Scope, string> = {
  'ads:read': 'See your advertising data',
  'ads:write': 'Create, update or delete your ads',
  'billing:read': 'See your billing data',
  'billing:write': 'Change your billing data',
  'biz_access:read': 'See business access data',
  'biz_access:write': 'Change business access data',
  'boards:read': 'See your public boards',
  'boards:read_secret': 'See your secret boards',
  'boards:write': 'Create, update or delete your public boards',
  'boards:write_secret': 'Create, update or delete your secret boards',
  'catalogs:read': 'See your catalogs',
  'catalogs:write': 'Change your catalogs',
  'msot:write': 'Create measurement events',
  'pins:read': 'See your public Pins',
  'pins:read_secret': 'See your secret Pins',
  'pins:write': 'Create, update or delete your public Pins',
  'pins:write_secret': 'Create, update or delete your secret Pins',
  'user_accounts:read': 'See your account and followers',
  'user_accounts:write': 'Update your account and followers',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Corkboard</title>
<style>
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f1f1f1;margin:0;color:#111}
main{max-width:420px;margin:48px auto;background:#fff;border-radius:32px;padding:32px;box-shadow:0 2px 12px rgba(0,0,0,.1)}
h1{font-size:28px;text-align:center;margin:0 0 16px}p{line-height:1.4}ul{padding-left:20px}li{margin:6px 0}
label{display:block;font-size:14px;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:12px 16px;border:2px solid #cdcdcd;border-radius:16px;font-size:16px}
.actions{display:flex;gap:8px;margin-top:24px}button{flex:1;border:0;border-radius:24px;padding:12px 16px;font-size:16px;font-weight:600;cursor:pointer;background:#e9e9e9}
button.primary{background:#e60023;color:#fff}.error{color:#b60000}
</style></head><body><main>${body}</main></body></html>`;
}

export function errorPage(message: string): string {
  return layout(
    'Authorization error',
    `<h1>Can’t connect this app</h1><p class="error">${escapeHtml(message)}</p>`,
  );
}

export function loginPage(next: string, loginCsrf: string, error?: string): string {
  return layout(
    'Log in',
    `<h1>Log in to continue</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oauth/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<input type="hidden" name="login_csrf" value="${escapeHtml(loginCsrf)}">
<label for="username">Username or email</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions"><button class="primary" type="submit">Log in</button></div>
</form>`,
  );
}

export function consentPage(input: {
  appName: string;
  username: string;
  scopes: Scope[];
  fields: Record<string, string>;
}): string {
  const hidden = Object.entries(input.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const scopes = input.scopes
    .map((s) => `<li>${escapeHtml(SCOPE_TEXT[s])} <small>(${s})</small></li>`)
    .join('');
  return layout(
    'Authorize app',
    `<h1>${escapeHtml(input.appName)} wants access to your account</h1>
<p>Signed in as <strong>${escapeHtml(input.username)}</strong>. This app will be able to:</p>
<ul>${scopes}</ul>
<form method="post" action="/oauth/authorize">
${hidden}
<div class="actions"><button type="submit" name="decision" value="deny">Cancel</button>
<button class="primary" type="submit" name="decision" value="allow">Give access</button></div>
</form>`,
  );
}
