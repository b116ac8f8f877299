// Typed calls for each API operation the app uses, grouped by what they are about.
import { api } from './client.ts';
import type {
  Board,
  Comment,
  InterestsResult,
  Page,
  Pin,
  Privacy,
  Profile,
  ReactionKind,
  Reactions,
  Section,
  SessionInfo,
  Topic,
} from './types.ts';

const enc = encodeURIComponent;

export const auth = {
  session: () => api.get<SessionInfo>('/v5/auth/session'),
  login: (username: string, password: string) =>
    api.post<SessionInfo>('/v5/auth/login', { username, password }),
  signup: (body: { username: string; email: string; password: string; display_name?: string }) =>
    api.post<SessionInfo>('/v5/auth/signup', body),
  logout: () => api.post<void>('/v5/auth/logout'),
};

export const feeds = {
  home: (bookmark?: string | null, pageSize = 25) =>
    api.get<Page<Pin>>('/v5/feeds/home', { bookmark, page_size: pageSize }),
  topics: () => api.get<{ items: Topic[] }>('/v5/topics'),
  chooseInterests: (topics: string[]) => api.post<InterestsResult>('/v5/user_account/interests', { topics }),
};

export const pins = {
  get: (id: string) => api.get<Pin>(`/v5/pins/${enc(id)}`),
  save: (id: string, boardId: string, sectionId?: string | null) =>
    api.post<Pin>(`/v5/pins/${enc(id)}/save`, { board_id: boardId, board_section_id: sectionId ?? null }),
  related: (id: string, bookmark?: string | null) =>
    api.get<Page<Pin>>(`/v5/pins/${enc(id)}/related`, { bookmark, page_size: 25 }),
  remove: (id: string) => api.delete<void>(`/v5/pins/${enc(id)}`),
};

export const boards = {
  mine: (bookmark?: string | null) => api.get<Page<Board>>('/v5/boards', { bookmark, page_size: 250 }),
  get: (id: string) => api.get<Board>(`/v5/boards/${enc(id)}`),
  pins: (id: string, bookmark?: string | null) =>
    api.get<Page<Pin>>(`/v5/boards/${enc(id)}/pins`, { bookmark, page_size: 25 }),
  create: (body: { name: string; description?: string; privacy?: Privacy }) =>
    api.post<Board>('/v5/boards', body),
  sections: (id: string) => api.get<Page<Section>>(`/v5/boards/${enc(id)}/sections`, { page_size: 250 }),
  createSection: (id: string, name: string) => api.post<Section>(`/v5/boards/${enc(id)}/sections`, { name }),
  follow: (id: string) => api.post<Board>(`/v5/boards/${enc(id)}/follow`),
  unfollow: (id: string) => api.delete<void>(`/v5/boards/${enc(id)}/follow`),
};

export const users = {
  profile: (username: string) => api.get<Profile>(`/v5/users/${enc(username)}`),
  following: (bookmark?: string | null) =>
    api.get<Page<{ type: 'user'; username: string }>>('/v5/user_account/following', {
      bookmark,
      page_size: 250,
    }),
  follow: (username: string) =>
    api.post<{ username: string }>(`/v5/user_account/following/${enc(username)}`, {}),
  unfollow: (username: string) => api.delete<void>(`/v5/user_account/following/${enc(username)}`),
};

export const comments = {
  list: (pinId: string, bookmark?: string | null) =>
    api.get<Page<Comment>>(`/v5/pins/${enc(pinId)}/comments`, { bookmark, page_size: 25 }),
  add: (pinId: string, text: string) => api.post<Comment>(`/v5/pins/${enc(pinId)}/comments`, { text }),
  remove: (pinId: string, commentId: string) =>
    api.delete<void>(`/v5/pins/${enc(pinId)}/comments/${enc(commentId)}`),
  reactions: (pinId: string) => api.get<Reactions>(`/v5/pins/${enc(pinId)}/reactions`),
  react: (pinId: string, kind: ReactionKind) =>
    api.put<Reactions>(`/v5/pins/${enc(pinId)}/reactions`, { kind }),
  unreact: (pinId: string) => api.delete<void>(`/v5/pins/${enc(pinId)}/reactions`),
};

export const search = {
  pins: (term: string, bookmark?: string | null) =>
    api.get<
      Page<{
        id: string;
        title: string | null;
        description: string | null;
        link: string | null;
        alt_text: string | null;
        media: Pin['media'];
      }>
    >('/v5/search/partner/pins', {
      term,
      country_code: 'US',
      locale: navigator.language,
      bookmark,
      limit: 50,
    }),
};
