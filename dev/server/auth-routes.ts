import { Router } from 'express';
import type { LiquidContext } from './context.ts';

/** `GET /auth/session` and `GET /auth/logout`. */
export function authRoutes({ users }: LiquidContext): Router {
  const router = Router();

  router.get('/session', (req, res) => {
    // Touching the session makes express-session store it and send the cookie (saveUninitialized is false).
    req.session.connected = true;
    const wallet = req.session.wallet;
    const user = typeof wallet === 'string' ? (users.findByWallet(wallet) ?? null) : null;
    res.json({ user, session: { cookie: req.session.cookie, wallet } });
  });

  router.get('/logout', (req, res) => {
    delete req.session.wallet;
    res.redirect(302, '/');
  });

  return router;
}
