// The auth operations the routes call; each lives in its own file, named after the operation.
export { login } from './login.ts';
export { refreshSession } from './refresh.ts';
export { logout } from './logout.ts';
export { changePassword } from './change-password.ts';
export { currentAccount } from './me.ts';
export { LoginThrottle } from './login-throttle.ts';
export { requestMeta } from './request-meta.ts';
