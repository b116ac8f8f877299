export { installAuthentication } from './authenticate.ts';
