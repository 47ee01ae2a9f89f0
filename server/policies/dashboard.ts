import { definePolicy } from './registry';

declare module './registry' {
  interface PolicyMap {
    /** The alliance dashboard: admins only (admins pass in the registry). */
    dashboard: { action: 'read'; subject: null };
  }
}

definePolicy('dashboard', () => false);
