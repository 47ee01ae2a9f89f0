import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Page } from '../../shared/schemas/common';
import type { ChallengeSummary } from '../../shared/schemas/challenge';
import { http } from '../api/http';
import { request, socket } from '../api/socket';
import { emptyFilters, fitsFilters, toQuery, type BoardFilters } from '../components/board/boardFilter';
import { useSessionStore } from './session';

export const BOARD_PAGE_SIZE = 12;

/**
 * The open board: one page of cards for the current filters, kept live. While the board page is
 * mounted (`watch()`), `challenge:created` puts a fitting card on top when page 1 sorted by newest
 * is shown, and otherwise counts it in `pending` for a "N new — show" bar; `challenge:updated`
 * replaces a card in place, `challenge:removed` drops it, `challenge:viewers` updates counts.
 * After a reconnect it re-joins the board rooms and refetches what it may have missed, and after
 * `session:updated` it refetches, since new rights change which cards it may see.
 */
export const useBoardStore = defineStore('board', () => {
  const filters = ref<BoardFilters>(emptyFilters());
  const items = ref<ChallengeSummary[]>([]);
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);
  const error = ref<unknown>(null);
  /** Ids of fitting challenges published since the last fetch that are not on the page shown. */
  const pending = ref<string[]>([]);
  let watching = false;
  let fetchSeq = 0;
  /** A list fetched before the page mounted (see `prefetch`), which `watch` uses instead of a new one. */
  let prefetched: Promise<void> | null = null;

  async function fetchPage(): Promise<void> {
    const seq = ++fetchSeq;
    loading.value = true;
    try {
      const { query, status } = toQuery(filters.value, page.value, BOARD_PAGE_SIZE);
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      for (const s of status) params.append('status', s);
      const result = await http.get<Page<ChallengeSummary>>(`/api/challenges?${params.toString()}`);
      if (seq !== fetchSeq) return; // a newer request superseded this one
      items.value = result.items;
      total.value = result.total;
      pending.value = [];
      error.value = null;
    } catch (err) {
      if (seq === fetchSeq) error.value = err;
    } finally {
      if (seq === fetchSeq) loading.value = false;
    }
  }

  function setPage(n: number): Promise<void> {
    page.value = n;
    return fetchPage();
  }

  /** Filters changed: back to page 1. */
  function applyFilters(): Promise<void> {
    return setPage(1);
  }

  function resetFilters(): Promise<void> {
    filters.value = emptyFilters();
    return setPage(1);
  }

  /** The "N new" bar: show the newest first. */
  function showNew(): Promise<void> {
    filters.value.sort = 'newest';
    return setPage(1);
  }

  /**
   * Starts listing page 1 before the board is shown (the router calls it while the session check
   * and the page's code are still loading). The list may then be read just before the board
   * rooms are joined: a card published in that instant shows at the next list (the socket's first
   * connect lists again, as does any filter change), as with any card the live feed misses.
   */
  function prefetch(): void {
    prefetched ??= fetchPage();
  }

  async function watch(): Promise<void> {
    watching = true;
    const listed = prefetched;
    prefetched = null;
    if (socket.connected) await request('board:watch', {}).catch(() => undefined);
    await (listed ?? fetchPage());
  }

  function unwatch(): void {
    watching = false;
    if (socket.connected) void request('board:unwatch', {}).catch(() => undefined);
  }

  function fits(c: ChallengeSummary): boolean {
    return fitsFilters(c, filters.value, useSessionStore().me);
  }

  socket.on('challenge:created', (c) => {
    if (!watching || !fits(c) || items.value.some((i) => i.id === c.id)) return;
    if (page.value === 1 && filters.value.sort === 'newest') {
      items.value = [c, ...items.value].slice(0, BOARD_PAGE_SIZE);
      total.value += 1;
    } else if (!pending.value.includes(c.id)) {
      pending.value.push(c.id);
    }
  });

  socket.on('challenge:updated', (c) => {
    if (!watching) return;
    const index = items.value.findIndex((i) => i.id === c.id);
    if (index !== -1) items.value[index] = c;
  });

  socket.on('challenge:removed', ({ id }) => {
    if (!watching) return;
    const before = items.value.length;
    items.value = items.value.filter((i) => i.id !== id);
    if (items.value.length < before) total.value = Math.max(0, total.value - 1);
    pending.value = pending.value.filter((p) => p !== id);
  });

  socket.on('challenge:viewers', ({ id, viewers }) => {
    const card = items.value.find((i) => i.id === id);
    if (card) card.viewers = viewers;
  });

  socket.on('session:updated', () => {
    // New rights can show or hide alliance-only cards: list again as the server now sees us.
    if (watching) void fetchPage();
  });

  socket.on('connect', () => {
    // A new connection has joined no rooms: watch again, and refetch what was missed meanwhile.
    if (watching) void watch();
  });

  return { filters, items, total, page, loading, error, pending, fetchPage, setPage, applyFilters, resetFilters, showNew, prefetch, watch, unwatch };
});
