import type { Permission } from '@polar/access';
import type { Component } from 'vue';

/*
 * What the modules above clients (funnel, planning, marketing, service…) add to the client
 * card. The card knows only these contracts: the route table hands it the lists
 * (router/clientCard.ts), so features/clients imports none of the modules that build on it.
 */

/** The client as a tab or an action of its card sees it. */
export interface ClientCardClient {
  id: string;
  name: string;
}

/** A tab that a module adds to the client card. */
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

/**
 * A button in the card's header that opens a module's dialog to make something for the
 * client («Новая сделка», «Новая задача»). The buttons stand before the card's own
 * (edit, reassign, archive), sorted by `order`.
 */
export interface ClientCardAction {
  /** Unique on the card; the button's test id is `client-<name>`. */
  name: string;
  /** i18n key of the button's text. */
  labelKey: string;
  order: number;
  /** The button (and its dialog) exist only for whoever holds this permission. */
  permission: Permission;
  /** The button's icon; `primary` makes it the header's main button. */
  icon: Component;
  primary?: boolean;
  /** The button is not offered while the client is archived. */
  hiddenWhenArchived?: boolean;
  /**
   * An async dialog component (`defineAsyncComponent`) opened through `v-model`; it emits
   * `created` once it has made something.
   */
  dialog: Component;
  /** The dialog's props for the client on the card. */
  props: (client: ClientCardClient) => Record<string, unknown>;
  /** After `created`: the query key of the list that shows the new record, and its tab, which the card opens. */
  refreshes: readonly unknown[];
  showsTab: string;
}

/** One of the client's contacts, as a contact section sees it. */
export interface ClientCardContact {
  clientId: string;
  contactId: string;
}

/**
 * A block a module adds under a contact's row in the «Контакты» tab (shown when the row is
 * expanded, after the decision-maker profile), e.g. marketing's consents to advertising.
 */
export interface ClientContactSection {
  /** Unique among the sections. */
  name: string;
  /** Sections stand in this order. */
  order: number;
  /** The section is shown only to whoever holds this permission. */
  permission: Permission;
  /** An async component (`defineAsyncComponent`). */
  component: Component;
  /** The component's props for the contact. */
  props: (contact: ClientCardContact) => Record<string, unknown>;
}
