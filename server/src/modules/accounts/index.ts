export { hashPassword } from './password.ts';
export { adjustCounters as adjustUserCounters, type UserCounter } from './repo.ts';
export { accountRoutes } from './routes.ts';
export { Account, PublicProfile, SignUpBody, Username } from './schemas.ts';
export {
  type AccountDeletingHook,
  AccountsService,
  toAccount,
  toPublicProfile,
  type UserRow,
} from './service.ts';
