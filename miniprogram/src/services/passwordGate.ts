import Taro from '@tarojs/taro';

/**
 * Forced password change. Until an imported / reset password is changed the server answers
 * PASSWORD_CHANGE_REQUIRED to everything but `me`, the change and logout, so the app keeps the
 * user on the change page: it is opened with reLaunch (no page below it to go back to), and any
 * later navigation (browser back in H5, reopening the app, another call refused) lands there again.
 * Imports only Taro: cloud.ts and both sessions use it.
 */
export type PasswordSubject = 'worker' | 'admin';

export const PASSWORD_PAGE: Record<PasswordSubject, string> = {
  worker: 'pages/auth/password/index',
  admin: 'pages/admin/password/index',
};

const required: Record<PasswordSubject, boolean> = { worker: false, admin: false };

function currentRoute(): string {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    // The hash is what the router shows after a back/forward, before its page instance exists.
    return window.location.hash.replace(/^#\/?/, '').split('?')[0];
  }
  const pages = Taro.getCurrentPages();
  return (pages[pages.length - 1]?.route ?? '').replace(/^\//, '').split('?')[0];
}

let navigating = false;
/** A route change seen while a reLaunch was still settling: checked again once it has. */
let recheck = false;

function enforce(): void {
  const who: PasswordSubject | null = required.worker ? 'worker' : required.admin ? 'admin' : null;
  if (!who) return;
  if (navigating) {
    // The change page may already show while the reLaunch promise is still pending (a slow
    // device): a typed URL now must not slip through, so look again when it settles.
    recheck = true;
    return;
  }
  if (currentRoute() === PASSWORD_PAGE[who]) return;
  navigating = true;
  void Taro.reLaunch({ url: `/${PASSWORD_PAGE[who]}?forced=1` })
    .catch(() => undefined)
    .finally(() => {
      navigating = false;
      if (recheck) {
        recheck = false;
        enforce();
      }
    });
}

/** The server said this subject must change its password first: go (and stay) on the change page. */
export function requirePasswordChange(who: PasswordSubject): void {
  required[who] = true;
  enforce();
}

/** The password was changed, or the subject logged out: navigation is free again. */
export function passwordChangeDone(who: PasswordSubject): void {
  required[who] = false;
}

export function passwordChangeRequired(who: PasswordSubject): boolean {
  return required[who];
}

/** Call on any page show / route change: returns to the change page while one is due. */
export function enforcePasswordChange(): void {
  enforce();
}

if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
  // Browser back / forward / a typed URL: the router shows another page; bring the user back.
  const again = () => setTimeout(enforce, 0);
  window.addEventListener('popstate', again);
  window.addEventListener('hashchange', again);
}
