-- AI Spend Workbench push-down query (DuckDB): Google Cloud billing export (BigQuery) aggregated to the ledger's grain.
-- One group row per day, currency, the raw values the workbench names models, accounts and classes
-- from, and chosen tags (classified once per group by the importers' own rules, compiled: charge
-- category, usage class, tier, band); one control row per currency with the source rows read and
-- their billed cost. Import the whole result as it is (CSV, Parquet or JSON Lines).
SET TimeZone = 'UTC';
SELECT * FROM (
  SELECT 'group' AS "aispend_row",
    'gcp-billing' AS "aispend_source",
    'bigquery-export' AS "aispend_source_version",
    "aispend_source_rows" AS "aispend_source_rows",
    "charge_day" AS "charge_day",
    "period_start" AS "period_start",
    "period_end" AS "period_end",
    "currency" AS "currency",
    CAST("billed_cost" AS VARCHAR) AS "billed_cost",
    CASE WHEN lower(trim(coalesce("src_cost_type", ''))) = '' THEN 'usage' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('regular') THEN 'usage' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('tax') THEN 'tax' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('adjustment', 'rounding_error') THEN 'adjustment' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('credit') THEN 'credit' ELSE 'adjustment' END AS "charge_category",
    CASE WHEN CASE WHEN lower(trim(coalesce("src_cost_type", ''))) = '' THEN 'usage' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('regular') THEN 'usage' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('tax') THEN 'tax' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('adjustment', 'rounding_error') THEN 'adjustment' WHEN lower(trim(coalesce("src_cost_type", ''))) IN ('credit') THEN 'credit' ELSE 'adjustment' END = 'usage' AND (((regexp_matches(lower("src_service_description"), 'vertex|gemini|generative language|ai platform|agent builder'))) OR ((regexp_matches(lower("src_sku_description"), 'gemini|claude|imagen|veo|palm|chirp|llama|mistral|(^|[^a-z0-9_])tokens?([^a-z0-9_]|$)|predictions')))) THEN coalesce(CASE WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned_unit_hour' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') AND regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(1h|1[ -]?hour|60[ -]?min)([^a-z0-9_]|$)') THEN 'cache_write_1h' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') THEN 'cache_write_5m' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ds]?[ -]?read|cached|cchd|cache[ -]?hit)([^a-z0-9_]|$)') THEN 'cached_input' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(web[ -]?search|search queries|tool calls?|grounding|code[ -]?interpreter|file[ -]?search)([^a-z0-9_]|$)') THEN 'tool_call' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(audio|speech|transcription)[^a-z0-9_](.*[^a-z0-9_])?(seconds?|minutes?|hours?)([^a-z0-9_]|$)|(^|[^a-z0-9_])(seconds?|minutes?)[^a-z0-9_](.*[^a-z0-9_])?(audio|speech)([^a-z0-9_]|$)') THEN 'audio_second' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(output|outp|completion|generated|thinking|reasoning)([^a-z0-9_]|$)') THEN 'output' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(input|inp|prompt)([^a-z0-9_]|$)') THEN 'input' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(images?|image generation)([^a-z0-9_]|$)') THEN 'image' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(requests?|calls?|invocations?)([^a-z0-9_]|$)') THEN 'request' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(seats?|licen[cs]es?|per user)([^a-z0-9_]|$)') THEN 'seat' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(storage|gb[ -]?(month|hour)|vector store)([^a-z0-9_]|$)') THEN 'storage' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(tokens?|tkns?|characters?)([^a-z0-9_]|$)') THEN 'input' ELSE CAST(NULL AS VARCHAR) END, 'other') ELSE 'other' END AS "usage_class",
    CASE WHEN (((regexp_matches(lower("src_service_description"), 'vertex|gemini|generative language|ai platform|agent builder'))) OR ((regexp_matches(lower("src_sku_description"), 'gemini|claude|imagen|veo|palm|chirp|llama|mistral|(^|[^a-z0-9_])tokens?([^a-z0-9_]|$)|predictions')))) THEN CASE WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])(batch|bt)([^a-z0-9_]|$)') THEN 'batch' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])flex([^a-z0-9_]|$)') THEN 'flex' WHEN regexp_matches(regexp_replace(lower("src_sku_description"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])priority([^a-z0-9_]|$)') THEN 'priority' ELSE 'standard' END ELSE 'standard' END AS "service_tier",
    CASE WHEN ((regexp_matches(lower("src_sku_description"), 'long context|>\s*200\s*k|over 200\s*k|above 200\s*k'))) THEN '>200k' ELSE CAST(NULL AS VARCHAR) END AS "context_band",
    "src_cost_type" AS "src_cost_type",
    "src_service_description" AS "src_service_description",
    "src_sku_description" AS "src_sku_description",
    "src_billing_account_id" AS "src_billing_account_id",
    "src_project_id" AS "src_project_id",
    "src_location_region" AS "src_location_region",
    "src_location_location" AS "src_location_location",
    "src_usage_unit" AS "src_usage_unit",
    "src_invoice_month" AS "src_invoice_month",
    CAST("src_cost_at_list" AS VARCHAR) AS "src_cost_at_list",
    CAST("src_usage_amount" AS VARCHAR) AS "src_usage_amount",
    CAST("src_credits_amount" AS VARCHAR) AS "src_credits_amount",
    CAST("src_credits_count" AS VARCHAR) AS "src_credits_count",
    "tag_team" AS "tag_team"
  FROM (
    SELECT *
    FROM (
      SELECT COUNT(*) AS "aispend_source_rows",
        MIN("period_start") AS "period_start",
        MAX("period_end") AS "period_end",
        SUM("billed_cost") AS "billed_cost",
        SUM("src_cost_at_list") AS "src_cost_at_list",
        SUM("src_usage_amount") AS "src_usage_amount",
        SUM("src_credits_amount") AS "src_credits_amount",
        SUM("src_credits_count") AS "src_credits_count",
        "charge_day" AS "charge_day",
        "currency" AS "currency",
        "src_cost_type" AS "src_cost_type",
        "src_service_description" AS "src_service_description",
        "src_sku_description" AS "src_sku_description",
        "src_billing_account_id" AS "src_billing_account_id",
        "src_project_id" AS "src_project_id",
        "src_location_region" AS "src_location_region",
        "src_location_location" AS "src_location_location",
        "src_usage_unit" AS "src_usage_unit",
        "src_invoice_month" AS "src_invoice_month",
        "g_cost_at_list_present" AS "g_cost_at_list_present",
        "g_usage_amount_present" AS "g_usage_amount_present",
        "tag_team" AS "tag_team"
      FROM (
        SELECT CAST(CAST("usage_start_time" AS DATE) AS VARCHAR) AS "charge_day",
          "usage_start_time" AS "period_start",
          coalesce("usage_end_time", "usage_start_time") AS "period_end",
          upper(trim(coalesce(CAST("currency" AS VARCHAR), ''))) AS "currency",
          CASE WHEN typeof("cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("cost" AS DOUBLE)) < 1000 THEN CAST("cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("cost" AS DECIMAL(38, 12)) END AS "billed_cost",
          coalesce(CAST("cost_type" AS VARCHAR), '') AS "src_cost_type",
          coalesce(CAST("service"."description" AS VARCHAR), '') AS "src_service_description",
          coalesce(CAST("sku"."description" AS VARCHAR), '') AS "src_sku_description",
          coalesce(CAST("billing_account_id" AS VARCHAR), '') AS "src_billing_account_id",
          coalesce(CAST("project"."id" AS VARCHAR), '') AS "src_project_id",
          coalesce(CAST("location"."region" AS VARCHAR), '') AS "src_location_region",
          coalesce(CAST("location"."location" AS VARCHAR), '') AS "src_location_location",
          coalesce(CAST("usage"."unit" AS VARCHAR), '') AS "src_usage_unit",
          coalesce(CAST("invoice"."month" AS VARCHAR), '') AS "src_invoice_month",
          CASE WHEN typeof("cost_at_list") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("cost_at_list" AS DOUBLE)) < 1000 THEN CAST("cost_at_list" AS DECIMAL(38, 12)) ELSE CAST(CAST("cost_at_list" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("cost_at_list") = 'VARCHAR' THEN CAST(nullif(trim(CAST("cost_at_list" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("cost_at_list" AS DECIMAL(38, 12)) END AS "src_cost_at_list",
          CASE WHEN typeof("usage"."amount") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("usage"."amount" AS DOUBLE)) < 1000 THEN CAST("usage"."amount" AS DECIMAL(38, 12)) ELSE CAST(CAST("usage"."amount" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("usage"."amount") = 'VARCHAR' THEN CAST(nullif(trim(CAST("usage"."amount" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("usage"."amount" AS DECIMAL(38, 12)) END AS "src_usage_amount",
          coalesce(list_sum(list_transform("credits", c -> CAST(c."amount" AS DECIMAL(38, 12)))), CAST(0 AS DECIMAL(38, 12))) AS "src_credits_amount",
          CASE WHEN typeof(coalesce(len("credits"), 0)) IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST(coalesce(len("credits"), 0) AS DOUBLE)) < 1000 THEN CAST(coalesce(len("credits"), 0) AS DECIMAL(38, 12)) ELSE CAST(CAST(coalesce(len("credits"), 0) AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof(coalesce(len("credits"), 0)) = 'VARCHAR' THEN CAST(nullif(trim(CAST(coalesce(len("credits"), 0) AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST(coalesce(len("credits"), 0) AS DECIMAL(38, 12)) END AS "src_credits_count",
          CASE WHEN "cost_at_list" IS NULL THEN 0 ELSE 1 END AS "g_cost_at_list_present",
          CASE WHEN "usage"."amount" IS NULL THEN 0 ELSE 1 END AS "g_usage_amount_present",
          list_filter("labels", l -> l."key" = 'team')[-1]."value" AS "tag_team"
        FROM "gcp_billing_export_v1"
        WHERE "usage_start_time" >= TIMESTAMP '2026-03-01 00:00:00' AND "usage_start_time" < TIMESTAMP '2026-05-01 00:00:00'
      ) AS aispend_rows
      GROUP BY "charge_day", "currency", "src_cost_type", "src_service_description", "src_sku_description", "src_billing_account_id", "src_project_id", "src_location_region", "src_location_location", "src_usage_unit", "src_invoice_month", "g_cost_at_list_present", "g_usage_amount_present", "tag_team"
    ) AS aispend_groups
  ) AS aispend_keys
  UNION ALL
  SELECT 'control' AS "aispend_row",
    'gcp-billing' AS "aispend_source",
    'bigquery-export' AS "aispend_source_version",
    COUNT(*) AS "aispend_source_rows",
    CAST(NULL AS VARCHAR) AS "charge_day",
    NULL AS "period_start",
    NULL AS "period_end",
    "currency" AS "currency",
    CAST(SUM("billed_cost") AS VARCHAR) AS "billed_cost",
    CAST(NULL AS VARCHAR) AS "charge_category",
    CAST(NULL AS VARCHAR) AS "usage_class",
    CAST(NULL AS VARCHAR) AS "service_tier",
    CAST(NULL AS VARCHAR) AS "context_band",
    CAST(NULL AS VARCHAR) AS "src_cost_type",
    CAST(NULL AS VARCHAR) AS "src_service_description",
    CAST(NULL AS VARCHAR) AS "src_sku_description",
    CAST(NULL AS VARCHAR) AS "src_billing_account_id",
    CAST(NULL AS VARCHAR) AS "src_project_id",
    CAST(NULL AS VARCHAR) AS "src_location_region",
    CAST(NULL AS VARCHAR) AS "src_location_location",
    CAST(NULL AS VARCHAR) AS "src_usage_unit",
    CAST(NULL AS VARCHAR) AS "src_invoice_month",
    CAST(NULL AS VARCHAR) AS "src_cost_at_list",
    CAST(NULL AS VARCHAR) AS "src_usage_amount",
    CAST(NULL AS VARCHAR) AS "src_credits_amount",
    CAST(NULL AS VARCHAR) AS "src_credits_count",
    CAST(NULL AS VARCHAR) AS "tag_team"
  FROM (
    SELECT upper(trim(coalesce(CAST("currency" AS VARCHAR), ''))) AS "currency", CASE WHEN typeof("cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("cost" AS DOUBLE)) < 1000 THEN CAST("cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("cost" AS DECIMAL(38, 12)) END AS "billed_cost"
    FROM "gcp_billing_export_v1"
    WHERE "usage_start_time" >= TIMESTAMP '2026-03-01 00:00:00' AND "usage_start_time" < TIMESTAMP '2026-05-01 00:00:00'
  ) AS aispend_control
  GROUP BY "currency"
) AS aispend_result
ORDER BY "aispend_row", "currency", "charge_day", "charge_category", "usage_class", "service_tier"
