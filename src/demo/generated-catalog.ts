// What the generated dbt project is made of: the raw tables of six source systems with their
// columns, and what every column means. The generator (generate-dbt-project.ts) builds staging,
// intermediate, mart and reporting models over these, so every model reads only columns its parents have.

/** The role of a column: what SQL a model may apply to it. */
export type ColumnKind = "key" | "fk" | "ts" | "money" | "num" | "text" | "bool";

export interface CatalogColumn {
  /** The raw column in the source table. */
  raw: string;
  /** Its name from staging on. */
  name: string;
  kind: ColumnKind;
}

export interface SourceTable {
  system: string;
  table: string;
  /** The entity one row stands for ("order"), and its plural for model names. */
  entity: string;
  plural: string;
  columns: CatalogColumn[];
}

const col = (raw: string, kind: ColumnKind, name = raw): CatalogColumn => ({ raw, name, kind });

/** Every raw table also has `id` (renamed to the key) and `_loaded_at` (the loader's timestamp). */
export const SOURCE_TABLES: SourceTable[] = [
  {
    system: "shop",
    table: "customers",
    entity: "customer",
    plural: "customers",
    columns: [
      col("id", "key", "customer_id"),
      col("email", "text"),
      col("first_name", "text"),
      col("last_name", "text"),
      col("country_code", "text"),
      col("created_at", "ts"),
    ],
  },
  {
    system: "shop",
    table: "orders",
    entity: "order",
    plural: "orders",
    columns: [
      col("id", "key", "order_id"),
      col("customer_id", "fk"),
      col("status", "text"),
      col("ordered_at", "ts"),
      col("amount", "money", "order_amount"),
    ],
  },
  {
    system: "shop",
    table: "order_items",
    entity: "order item",
    plural: "order_items",
    columns: [
      col("id", "key", "order_item_id"),
      col("order_id", "fk"),
      col("product_id", "fk"),
      col("quantity", "num"),
      col("unit_price", "money"),
    ],
  },
  {
    system: "shop",
    table: "sessions",
    entity: "web session",
    plural: "sessions",
    columns: [
      col("id", "key", "session_id"),
      col("customer_id", "fk"),
      col("started_at", "ts"),
      col("page_views", "num"),
      col("device", "text"),
    ],
  },
  {
    system: "payments",
    table: "payments",
    entity: "payment",
    plural: "payments",
    columns: [
      col("id", "key", "payment_id"),
      col("order_id", "fk"),
      col("customer_id", "fk"),
      col("method", "text", "payment_method"),
      col("amount", "money", "paid_amount"),
      col("paid_at", "ts"),
    ],
  },
  {
    system: "payments",
    table: "refunds",
    entity: "refund",
    plural: "refunds",
    columns: [
      col("id", "key", "refund_id"),
      col("payment_id", "fk"),
      col("customer_id", "fk"),
      col("amount", "money", "refunded_amount"),
      col("refunded_at", "ts"),
    ],
  },
  {
    system: "payments",
    table: "invoices",
    entity: "invoice",
    plural: "invoices",
    columns: [
      col("id", "key", "invoice_id"),
      col("customer_id", "fk"),
      col("amount", "money", "invoiced_amount"),
      col("issued_at", "ts"),
      col("is_paid", "bool"),
    ],
  },
  {
    system: "crm",
    table: "customers",
    entity: "CRM contact",
    plural: "contacts",
    columns: [
      col("id", "key", "contact_id"),
      col("shop_customer_id", "fk"),
      col("full_name", "text"),
      col("email", "text"),
      col("country", "text", "country_code"),
      col("signed_up_at", "ts"),
    ],
  },
  {
    system: "marketing",
    table: "campaigns",
    entity: "campaign",
    plural: "campaigns",
    columns: [
      col("id", "key", "campaign_id"),
      col("name", "text", "campaign_name"),
      col("channel", "text"),
      col("started_at", "ts"),
      col("budget", "money"),
    ],
  },
  {
    system: "marketing",
    table: "campaign_touches",
    entity: "campaign touch",
    plural: "touches",
    columns: [
      col("id", "key", "touch_id"),
      col("campaign_id", "fk"),
      col("customer_id", "fk"),
      col("touched_at", "ts"),
    ],
  },
  {
    system: "support",
    table: "tickets",
    entity: "support ticket",
    plural: "tickets",
    columns: [
      col("id", "key", "ticket_id"),
      col("customer_id", "fk"),
      col("opened_at", "ts"),
      col("priority", "text"),
      col("resolution_hours", "num"),
    ],
  },
  {
    system: "inventory",
    table: "products",
    entity: "product",
    plural: "products",
    columns: [
      col("id", "key", "product_id"),
      col("name", "text", "product_name"),
      col("category", "text"),
      col("list_price", "money"),
    ],
  },
  {
    system: "inventory",
    table: "stock_moves",
    entity: "stock move",
    plural: "stock_moves",
    columns: [
      col("id", "key", "stock_move_id"),
      col("product_id", "fk"),
      col("warehouse", "text"),
      col("quantity", "num"),
      col("moved_at", "ts"),
    ],
  },
];

/** Larger projects load the same systems for more regions: shop_eu.orders, shop_us.orders ... */
export function regionSuffix(round: number): string {
  const regions = ["", "eu", "us", "uk", "apac", "latam", "mena", "nordics", "dach", "benelux", "iberia", "anz"];
  return round < regions.length ? regions[round] : `r${round}`;
}

const MEANINGS: Record<string, string> = {
  customer_id: "The customer's key: the shop account id, one per person once CRM contacts are merged in.",
  contact_id: "The CRM's own contact id; not used outside staging.",
  shop_customer_id: "The shop account a CRM contact is linked to; empty when the contact never bought.",
  order_id: "The order's key, as the shop issues it.",
  order_item_id: "The key of one line of an order.",
  product_id: "The product's key (SKU id).",
  payment_id: "The payment's key, as the payment provider issues it.",
  refund_id: "The refund's key.",
  invoice_id: "The invoice's key.",
  campaign_id: "The marketing campaign's key.",
  touch_id: "The key of one campaign contact with a customer.",
  ticket_id: "The support ticket's key.",
  session_id: "The key of one web session.",
  stock_move_id: "The key of one stock movement.",
  email: "Email address as the customer gave it, lower-cased (PII).",
  first_name: "First name as typed at sign-up (PII).",
  last_name: "Last name as typed at sign-up (PII).",
  full_name: "Full name as the CRM holds it (PII).",
  customer_name: "The CRM's full name when the person is a contact, else the shop's first and last name (PII).",
  country_code: "ISO 3166-1 alpha-2 country of the customer's billing address, upper-cased.",
  country_name: "English name of country_code, from the country_codes seed.",
  created_at: "When the shop account was created (UTC).",
  signed_up_at: "When the contact entered the CRM (UTC).",
  status: "Order status: placed, shipped, completed, returned or cancelled.",
  ordered_at: "When the order was placed (UTC).",
  order_amount: "Order total in EUR, taxes included.",
  quantity: "Units moved or ordered; negative for outbound stock moves.",
  unit_price: "Price of one unit in EUR at order time.",
  started_at: "When the web session or the campaign started (UTC).",
  page_views: "Pages viewed in the session.",
  device: "desktop, mobile or tablet.",
  payment_method: "credit_card, bank_transfer, paypal or gift_card.",
  paid_amount: "Amount captured in EUR; failed attempts are not loaded.",
  paid_at: "When the payment was captured (UTC).",
  refunded_amount: "Amount refunded in EUR.",
  refunded_at: "When the refund was issued (UTC).",
  invoiced_amount: "Invoice total in EUR.",
  issued_at: "When the invoice was issued (UTC).",
  is_paid: "True once the invoice is settled.",
  campaign_name: "The campaign's name in the marketing tool.",
  channel: "email, paid_search, social or affiliate.",
  budget: "Planned spend in EUR.",
  touched_at: "When the customer was reached (UTC).",
  opened_at: "When the ticket was opened (UTC).",
  priority: "low, normal, high or urgent.",
  resolution_hours: "Hours from opening to resolution; empty while open.",
  product_name: "The product's display name.",
  category: "Product category (top level of the catalogue).",
  list_price: "Current list price in EUR.",
  warehouse: "Warehouse code.",
  moved_at: "When the stock moved (UTC).",
  first_order_at:
    "When the customer's first successful payment was captured (UTC); empty for customers who never paid.",
  lifetime_value: "Sum of the customer's captured payments in EUR since their first order; refunds are not subtracted.",
  payment_count: "Number of captured payments of the customer.",
  segment:
    "Value segment from lifetime_value: 'vip' from 1,000 EUR, 'regular' from 100 EUR, else 'new'. Recomputed at every build.",
  customers: "Number of distinct customers in the group.",
  countries: "Number of distinct countries the group's customers live in.",
};

/** What a column means. Derived metric names (orders_count, total_paid_amount, first_ordered_at ...) explain themselves. */
export function columnMeaning(column: string, grain: string): string {
  if (MEANINGS[column]) return MEANINGS[column];
  const count = /^(\w+)_count$/.exec(column);
  if (count) return `Number of ${count[1].replace(/_/g, " ")} ${grain}.`;
  const total = /^total_(\w+)$/.exec(column);
  if (total) return `Sum of ${total[1]} ${grain}${/amount|price|budget|value/.test(total[1]) ? ", in EUR" : ""}.`;
  const avg = /^avg_(\w+)$/.exec(column);
  if (avg) return `Average ${avg[1].replace(/_/g, " ")} ${grain}.`;
  const first = /^first_(\w+)$/.exec(column);
  if (first) return `Earliest ${first[1]} ${grain} (UTC).`;
  const last = /^last_(\w+)$/.exec(column);
  if (last) return `Latest ${last[1]} ${grain} (UTC).`;
  const month = /^(\w+)_month$/.exec(column);
  if (month) return `First day of the month of ${month[1]}_at.`;
  return `${column.replace(/_/g, " ")}.`;
}
