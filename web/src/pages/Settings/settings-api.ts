// Account settings calls: the profile (PATCH /v5/user_account), password, personal access tokens
// and OAuth apps (session-only extensions), and deleting the account.
import { api } from '../../api/client.ts';
import type { Profile } from '../../api/types.ts';
import type { ProfileForm } from './settings-rules.ts';

const enc = encodeURIComponent;

export interface PersonalToken {
  id: string;
  name: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
}

export interface OauthApp {
  client_id: string;
  name: string;
  redirect_uris: string[];
  owner_user_id: string | null;
  created_at: string;
}

export const settingsApi = {
  updateProfile: (changes: Partial<ProfileForm>) => api.patch<Profile>('/v5/user_account', changes),
  changePassword: (current: string, next: string) =>
    api.post<void>('/v5/user_account/password', { current_password: current, new_password: next }),
  tokens: () => api.get<{ items: PersonalToken[] }>('/v5/user_account/tokens'),
  createToken: (body: { name: string; scopes: 'all' | readonly string[]; expires_in_days?: number }) =>
    api.post<PersonalToken & { token: string }>('/v5/user_account/tokens', body),
  revokeToken: (id: string) => api.delete<void>(`/v5/user_account/tokens/${enc(id)}`),
  apps: () => api.get<{ items: OauthApp[] }>('/v5/user_account/apps'),
  createApp: (name: string, redirectUris: string[]) =>
    api.post<OauthApp & { client_secret: string }>('/v5/user_account/apps', {
      name,
      redirect_uris: redirectUris,
    }),
  deleteApp: (clientId: string) => api.delete<void>(`/v5/user_account/apps/${enc(clientId)}`),
  deleteAccount: (password: string) => api.delete<void>('/v5/user_account', { password }),
};
