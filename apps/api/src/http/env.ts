import type { SessionUser } from '../auth/sessions.ts';

/** What middleware puts on every request's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    user: SessionUser | null;
  };
}

/** Context variables once requireUser has run. */
export interface AuthedEnv {
  Variables: {
    requestId: string;
    user: SessionUser;
  };
}
