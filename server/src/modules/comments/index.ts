export { commentRoutes } from './routes.ts';
export { type Comment, CommentsService, REACTION_KINDS, type ReactionKind } from './service.ts';
