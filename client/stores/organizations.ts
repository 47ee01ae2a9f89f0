import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { OrganizationInput, OrganizationUpdate, OrganizationView } from '../../shared/schemas/organization';
import { http } from '../api/http';
import { socket } from '../api/socket';

/**
 * The alliance's organisations, listed publicly (registration needs them). Kept live through
 * `organization:created` / `organization:updated`, and re-listed after a reconnect so nothing
 * broadcast while we were away is missed.
 */
export const useOrganizationsStore = defineStore('organizations', () => {
  const items = ref<OrganizationView[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  let pending: Promise<void> | null = null;

  const byId = computed(() => new Map(items.value.map((o) => [o.id, o])));

  /** Replaces or appends one organisation; an update without `memberCount` keeps the known count. */
  function upsert(org: OrganizationView): void {
    const index = items.value.findIndex((o) => o.id === org.id);
    if (index === -1) items.value.push(org);
    else items.value[index] = { ...org, memberCount: org.memberCount ?? items.value[index]?.memberCount };
  }

  function fetchAll(): Promise<void> {
    pending ??= (async () => {
      loading.value = true;
      try {
        items.value = await http.get<OrganizationView[]>('/api/organizations');
        loaded.value = true;
      } finally {
        loading.value = false;
        pending = null;
      }
    })();
    return pending;
  }

  /** Lists once; later callers reuse the live list. */
  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await fetchAll();
  }

  async function create(input: OrganizationInput): Promise<OrganizationView> {
    const org = await http.post<OrganizationView>('/api/organizations', input);
    upsert(org);
    return org;
  }

  async function update(id: string, changes: OrganizationUpdate): Promise<OrganizationView> {
    const org = await http.patch<OrganizationView>(`/api/organizations/${id}`, changes);
    upsert(org);
    return org;
  }

  socket.on('organization:created', upsert);
  socket.on('organization:updated', upsert);
  socket.on('connect', () => {
    if (loaded.value) void fetchAll().catch(() => undefined);
  });

  return { items, loaded, loading, byId, fetchAll, ensureLoaded, create, update };
});
