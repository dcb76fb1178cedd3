import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { ability } from './auth/ability.ts';
import { useSession } from './auth/session.ts';
import { menu } from './layouts/menu.ts';

const pages: Record<string, () => Promise<unknown>> = {
  '/desk': () => import('./pages/desk/DeskPage.vue'),
  '/issuing': () => import('./pages/issuing/IssuingPage.vue'),
  // 一件事一次办 (bundles)
  '/bundles/desk': () => import('./pages/bundles/BundleDeskPage.vue'),
  // 一件事定义: proposed by the lead department's admin, published by the system admin (one page, two entries)
  '/bundles/definitions': () => import('./pages/bundles/BundleDefinitionsPage.vue'),
  '/bundles/review': () => import('./pages/bundles/BundleDefinitionsPage.vue'),
  '/cases': () => import('./pages/case/CaseListPage.vue'),
  '/board': () => import('./pages/board/BoardPage.vue'),
  '/dashboard': () => import('./pages/dashboard/DashboardPage.vue'),
  '/admin/matters': () => import('./pages/admin/MattersPage.vue'),
  '/admin/delegations': () => import('./pages/admin/DelegationsPage.vue'),
  '/admin/users': () => import('./pages/admin/UsersPage.vue'),
  '/admin/calendar': () => import('./pages/admin/CalendarPage.vue'),
  '/processes/modeler': () => import('./pages/modeler/ModelerPage.vue'),
  '/processes/versions': () => import('./pages/modeler/VersionsPage.vue'),
  // 流程实例迁移 (issue 14): running cases moved to another version
  '/processes/migration': () => import('./pages/modeler/MigrationPage.vue'),
  // 简易设计 (issue 14): the DingTalk-style designer
  '/processes/simple': () => import('./pages/simple-designer/SimpleDesignerPage.vue'),
  // 12345 工单 (issue 18)
  '/hotline': () => import('./pages/hotline/HotlinePage.vue'),
};

const staffPages: RouteRecordRaw[] = menu.map((item) => ({
  path: item.path.slice(1),
  component: pages[item.path] as never,
  meta: { title: item.label, can: item.can, group: item.group },
}));

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', component: () => import('./pages/sign-in/SignInPage.vue'), meta: { public: true, title: 'signIn.title' } },
  { path: '/progress', component: () => import('./pages/public/ProgressPage.vue'), meta: { public: true, title: 'progress.title' } },
  { path: '/progress/bundle', component: () => import('./pages/bundles/BundleProgressPage.vue'), meta: { public: true, title: 'bundle.progressTitle' } },
  { path: '/queue', component: () => import('./pages/queue/KioskPage.vue'), meta: { public: true, title: 'queue.kioskTitle' } },
  { path: '/display', component: () => import('./pages/queue/DisplayPage.vue'), meta: { public: true, title: 'queue.display' } },
  // 好差评 (issue 18): the public page, and the device at a window (signed in as its clerk)
  { path: '/rate', component: () => import('./pages/rating/RatePage.vue'), meta: { public: true, title: 'rating.publicTitle' } },
  { path: '/rating-kiosk/:window', component: () => import('./pages/rating/KioskRatingPage.vue'), meta: { title: 'rating.kioskTitle', can: ['handle', 'QueueWindow'] } },
  { path: '/verify/:code?', component: () => import('./pages/public/VerifyPage.vue'), meta: { public: true, title: 'verify.title' } },
  {
    path: '/',
    component: () => import('./layouts/StaffLayout.vue'),
    children: [
      { path: '', component: () => import('./pages/HomePage.vue'), meta: { title: 'menu.home' } },
      ...staffPages,
      { path: 'cases/:caseNumber', component: () => import('./pages/case/CasePage.vue'), meta: { title: 'case.title', can: ['read', 'Case'], parent: '/cases' } },
      { path: 'tasks/:key', component: () => import('./pages/task/TaskPage.vue'), meta: { title: 'task.title', can: ['read', 'Task'] } },
      { path: 'forbidden', component: () => import('./pages/ForbiddenPage.vue'), meta: { title: 'forbidden.title' } },
      { path: ':rest(.*)*', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'notFound.title' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const session = useSession();
  if (!session.signedIn) return { path: '/sign-in', query: { next: to.fullPath } };
  if (!session.rulesLoaded) await session.loadAbility();
  const can = to.meta.can as [never, never] | undefined;
  if (can && !ability.can(can[0], can[1])) return { path: '/forbidden', query: { from: to.fullPath } };
  return true;
});
