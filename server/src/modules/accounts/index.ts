export { adjustCounters as adjustUserCounters, type UserCounter } from './repo.ts';
export { accountRoutes } from './routes.ts';
export { Account, PublicProfile, SignUpBody, Username } from './schemas.ts';
export { AccountsService, toAccount, toPublicProfile, type UserRow } from './service.ts';
