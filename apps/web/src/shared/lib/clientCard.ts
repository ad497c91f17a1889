import type { Permission } from '@polar/access';
import type { Component } from 'vue';

/** The client as a tab of its card sees it. */
export interface ClientCardClient {
  id: string;
  name: string;
}

/**
 * A tab that a module above clients (funnel, planning, service…) adds to the client card.
 * The card knows only this contract: the route table hands it the list
 * (router/clientCard.ts), so features/clients imports none of the modules that build on it.
 */
export interface ClientCardTab {
  /** The tab's name in the address (`?tab=`), unique on the card. */
  name: string;
  /** i18n key of the tab's label. */
  labelKey: string;
  /**
   * Where the tab stands. The card's own tabs: «Данные» 10, «Контакты» 20, «Досье» 50,
   * «История» 60; the list is sorted by this number, so the order never depends on
   * which module was listed first.
   */
  order: number;
  /** The tab is shown only to whoever holds this permission. */
  permission: Permission;
  /** An async component (`defineAsyncComponent`): its code loads when the tab is first opened. */
  component: Component;
  /** The component's props for the client on the card. */
  props: (client: ClientCardClient) => Record<string, unknown>;
}
