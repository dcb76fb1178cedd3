import { abilitiesPlugin } from '@casl/vue';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import App from './App.vue';
import { ability } from './auth/ability.ts';
import { i18n } from './i18n/index.ts';
import { router } from './router.ts';
import './styles.css';

createApp(App).use(createPinia()).use(i18n).use(router).use(abilitiesPlugin, ability, { useGlobalProperties: true }).mount('#app');
