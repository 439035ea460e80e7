// The model templates of the generated project, one per kind of model a dbt project has: staging
// over a raw table, intermediate aggregates and joins (generated-upstream.ts), the customer dimension
// and facts (generated-marts.ts), and reports joined to the dimension (generated-reports.ts). Each
// template reads only columns its parents have and says what its output columns are, so the next
// layer can be built on them (and the column analysis can check it). This module holds their shape.

import { columnMeaning, type ColumnKind } from "./generated-catalog";

export interface TypedColumn {
  name: string;
  kind: ColumnKind;
}

export interface GeneratedModel {
  name: string;
  layer: "staging" | "intermediate" | "marts" | "reporting";
  folder: string;
  materialized: "view" | "table" | "incremental";
  tags: string[];
  refs: string[];
  sources: [string, string][];
  /** Output columns in order (what schema.yml documents). */
  columns: string[];
  typed: TypedColumn[];
  /** The grain: one row per value of this column. */
  key: string;
  description: string;
  /** Column name -> what it means. */
  docs: Record<string, string>;
  /** The model's SQL with dbt's Jinja (ref, source, config, this). */
  sql: string;
  incremental?: boolean;
}

export interface GeneratedSource {
  sourceName: string;
  table: string;
  folder: string;
  description: string;
  columns: { name: string; description: string }[];
}

export function model(
  fields: Omit<GeneratedModel, "columns" | "docs" | "tags" | "materialized"> & {
    tags?: string[];
    materialized?: GeneratedModel["materialized"];
    grain: string;
  },
): GeneratedModel {
  const { grain, ...rest } = fields;
  const docs: Record<string, string> = {};
  for (const c of fields.typed) docs[c.name] = columnMeaning(c.name, grain);
  return {
    tags: [fields.layer],
    materialized: fields.layer === "staging" || fields.layer === "reporting" ? "view" : "table",
    ...rest,
    columns: fields.typed.map((c) => c.name),
    docs,
  };
}

export const entityOf = (key: string): string => key.replace(/_id$/, "");
