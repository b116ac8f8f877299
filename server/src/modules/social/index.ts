// The social module's public face. Other modules use SocialService (isBlockedEitherWay, onBlock,
// setPinVisibility) and notBlockedFilter; social imports only accounts, never boards or pins.
export { notBlockedFilter } from './repo.ts';
export { socialRoutes } from './routes.ts';
export { Report, UserSummary } from './schemas.ts';
export { type BlockHook, type PinVisibility, SocialService } from './service.ts';
