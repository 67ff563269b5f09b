-- AI Spend Workbench push-down query (DuckDB): AWS Cost and Usage Report (CUR 2.0) aggregated to the ledger's grain.
-- One group row per day, currency, the raw values the workbench names models, accounts and classes
-- from, and chosen tags (classified once per group by the importers' own rules, compiled: charge
-- category, usage class, tier, band); one control row per currency with the source rows read and
-- their billed cost. Import the whole result as it is (CSV, Parquet or JSON Lines).
SET TimeZone = 'UTC';
SELECT * FROM (
  SELECT 'group' AS "aispend_row",
    'aws-cur' AS "aispend_source",
    '2.0' AS "aispend_source_version",
    "aispend_source_rows" AS "aispend_source_rows",
    "charge_day" AS "charge_day",
    "period_start" AS "period_start",
    "period_end" AS "period_end",
    "currency" AS "currency",
    CAST("billed_cost" AS VARCHAR) AS "billed_cost",
    CASE WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) = '' THEN 'usage' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('usage', 'discountedusage', 'savingsplancoveredusage') THEN 'usage' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('tax') THEN 'tax' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('credit', 'bundleddiscount') THEN 'credit' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('refund') THEN 'refund' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('fee', 'rifee', 'savingsplanupfrontfee', 'savingsplanrecurringfee') THEN 'purchase' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('savingsplannegation', 'discount', 'edpdiscount', 'privateratediscount', 'distributordiscount') THEN 'adjustment' ELSE 'adjustment' END AS "charge_category",
    CASE WHEN CASE WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) = '' THEN 'usage' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('usage', 'discountedusage', 'savingsplancoveredusage') THEN 'usage' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('tax') THEN 'tax' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('credit', 'bundleddiscount') THEN 'credit' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('refund') THEN 'refund' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('fee', 'rifee', 'savingsplanupfrontfee', 'savingsplanrecurringfee') THEN 'purchase' WHEN lower(trim(coalesce("src_line_item_line_item_type", ''))) IN ('savingsplannegation', 'discount', 'edpdiscount', 'privateratediscount', 'distributordiscount') THEN 'adjustment' ELSE 'adjustment' END <> 'usage' THEN 'other' WHEN CASE WHEN "src_line_item_usage_type" = '' THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') AND regexp_matches(lower("src_line_item_usage_type"), '1h|1-?hour') THEN 'cache_write_1h' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN regexp_matches(lower("src_line_item_usage_type"), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN regexp_matches(lower("src_line_item_usage_type"), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN regexp_matches(lower("src_line_item_usage_type"), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS VARCHAR) END END IS NOT NULL THEN CASE WHEN "src_line_item_usage_type" = '' THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') AND regexp_matches(lower("src_line_item_usage_type"), '1h|1-?hour') THEN 'cache_write_1h' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN regexp_matches(lower("src_line_item_usage_type"), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN regexp_matches(lower("src_line_item_usage_type"), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN regexp_matches(lower("src_line_item_usage_type"), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS VARCHAR) END END WHEN (CASE WHEN "src_line_item_usage_type" = '' THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') AND regexp_matches(lower("src_line_item_usage_type"), '1h|1-?hour') THEN 'cache_write_1h' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN regexp_matches(lower("src_line_item_usage_type"), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN regexp_matches(lower("src_line_item_usage_type"), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN regexp_matches(lower("src_line_item_usage_type"), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS VARCHAR) END END IS NOT NULL OR "src_line_item_product_code" LIKE 'AmazonBedrock%' OR ("h_product_name" IS NOT NULL AND ((regexp_matches(lower("h_product_name"), 'bedrock'))))) THEN coalesce(CASE WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned_unit_hour' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') AND regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(1h|1[ -]?hour|60[ -]?min)([^a-z0-9_]|$)') THEN 'cache_write_1h' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') THEN 'cache_write_5m' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ds]?[ -]?read|cached|cchd|cache[ -]?hit)([^a-z0-9_]|$)') THEN 'cached_input' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(web[ -]?search|search queries|tool calls?|grounding|code[ -]?interpreter|file[ -]?search)([^a-z0-9_]|$)') THEN 'tool_call' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(audio|speech|transcription)[^a-z0-9_](.*[^a-z0-9_])?(seconds?|minutes?|hours?)([^a-z0-9_]|$)|(^|[^a-z0-9_])(seconds?|minutes?)[^a-z0-9_](.*[^a-z0-9_])?(audio|speech)([^a-z0-9_]|$)') THEN 'audio_second' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(output|outp|completion|generated|thinking|reasoning)([^a-z0-9_]|$)') THEN 'output' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(input|inp|prompt)([^a-z0-9_]|$)') THEN 'input' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(images?|image generation)([^a-z0-9_]|$)') THEN 'image' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(requests?|calls?|invocations?)([^a-z0-9_]|$)') THEN 'request' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(seats?|licen[cs]es?|per user)([^a-z0-9_]|$)') THEN 'seat' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(storage|gb[ -]?(month|hour)|vector store)([^a-z0-9_]|$)') THEN 'storage' WHEN regexp_matches(regexp_replace(lower("src_line_item_usage_type"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(tokens?|tkns?|characters?)([^a-z0-9_]|$)') THEN 'input' ELSE CAST(NULL AS VARCHAR) END, 'other') ELSE 'other' END AS "usage_class",
    CASE WHEN CASE WHEN "src_line_item_usage_type" = '' THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') AND regexp_matches(lower("src_line_item_usage_type"), '1h|1-?hour') THEN 'cache_write_1h' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN regexp_matches(lower("src_line_item_usage_type"), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN regexp_matches(lower("src_line_item_usage_type"), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN regexp_matches(lower("src_line_item_usage_type"), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS VARCHAR) END END IS NULL THEN 'standard' WHEN CASE WHEN "src_line_item_usage_type" = '' THEN CAST(NULL AS VARCHAR) ELSE CASE WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') AND regexp_matches(lower("src_line_item_usage_type"), '1h|1-?hour') THEN 'cache_write_1h' WHEN regexp_matches(lower("src_line_item_usage_type"), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN regexp_matches(lower("src_line_item_usage_type"), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN regexp_matches(lower("src_line_item_usage_type"), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN regexp_matches(lower("src_line_item_usage_type"), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN regexp_matches(lower("src_line_item_usage_type"), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS VARCHAR) END END = 'provisioned_unit_hour' THEN 'provisioned' ELSE CASE WHEN regexp_matches(regexp_replace(lower(lower("src_line_item_usage_type")), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned' WHEN regexp_matches(regexp_replace(lower(lower("src_line_item_usage_type")), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])(batch|bt)([^a-z0-9_]|$)') THEN 'batch' WHEN regexp_matches(regexp_replace(lower(lower("src_line_item_usage_type")), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])flex([^a-z0-9_]|$)') THEN 'flex' WHEN regexp_matches(regexp_replace(lower(lower("src_line_item_usage_type")), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])priority([^a-z0-9_]|$)') THEN 'priority' ELSE 'standard' END END AS "service_tier",
    CAST(NULL AS VARCHAR) AS "context_band",
    "src_line_item_line_item_type" AS "src_line_item_line_item_type",
    "src_line_item_product_code" AS "src_line_item_product_code",
    "src_line_item_usage_type" AS "src_line_item_usage_type",
    "src_bill_billing_period_start_date" AS "src_bill_billing_period_start_date",
    "src_line_item_usage_account_id" AS "src_line_item_usage_account_id",
    "src_bill_payer_account_id" AS "src_bill_payer_account_id",
    "src_product_region_code" AS "src_product_region_code",
    "src_pricing_unit" AS "src_pricing_unit",
    "src_product_product_name" AS "src_product_product_name",
    "src_product" AS "src_product",
    CAST("src_line_item_net_unblended_cost" AS VARCHAR) AS "src_line_item_net_unblended_cost",
    CAST("src_pricing_public_on_demand_cost" AS VARCHAR) AS "src_pricing_public_on_demand_cost",
    CAST("src_savings_plan_savings_plan_effective_cost" AS VARCHAR) AS "src_savings_plan_savings_plan_effective_cost",
    CAST("src_reservation_effective_cost" AS VARCHAR) AS "src_reservation_effective_cost",
    CAST("src_line_item_usage_amount" AS VARCHAR) AS "src_line_item_usage_amount",
    "tag_team" AS "tag_team"
  FROM (
    SELECT *, coalesce(CASE WHEN trim(coalesce("src_product_product_name", '')) IN ('', 'null', 'NULL', 'None') THEN CAST(NULL AS VARCHAR) ELSE trim(coalesce("src_product_product_name", '')) END, nullif(trim(coalesce(CASE WHEN json_valid(coalesce("src_product", '')) THEN json_extract_string(coalesce("src_product", ''), '$."product_name"') END, '')), ''), nullif(trim(coalesce(CASE WHEN json_valid(coalesce("src_product", '')) THEN json_extract_string(coalesce("src_product", ''), '$."productName"') END, '')), '')) AS "h_product_name"
    FROM (
      SELECT COUNT(*) AS "aispend_source_rows",
        MIN("period_start") AS "period_start",
        MAX("period_end") AS "period_end",
        SUM("billed_cost") AS "billed_cost",
        SUM("src_line_item_net_unblended_cost") AS "src_line_item_net_unblended_cost",
        SUM("src_pricing_public_on_demand_cost") AS "src_pricing_public_on_demand_cost",
        SUM("src_savings_plan_savings_plan_effective_cost") AS "src_savings_plan_savings_plan_effective_cost",
        SUM("src_reservation_effective_cost") AS "src_reservation_effective_cost",
        SUM("src_line_item_usage_amount") AS "src_line_item_usage_amount",
        "charge_day" AS "charge_day",
        "currency" AS "currency",
        "src_line_item_line_item_type" AS "src_line_item_line_item_type",
        "src_line_item_product_code" AS "src_line_item_product_code",
        "src_line_item_usage_type" AS "src_line_item_usage_type",
        "src_bill_billing_period_start_date" AS "src_bill_billing_period_start_date",
        "src_line_item_usage_account_id" AS "src_line_item_usage_account_id",
        "src_bill_payer_account_id" AS "src_bill_payer_account_id",
        "src_product_region_code" AS "src_product_region_code",
        "src_pricing_unit" AS "src_pricing_unit",
        "src_product_product_name" AS "src_product_product_name",
        "src_product" AS "src_product",
        "g_netUnblendedCost_present" AS "g_netUnblendedCost_present",
        "g_publicOnDemandCost_present" AS "g_publicOnDemandCost_present",
        "g_savingsPlanEffectiveCost_present" AS "g_savingsPlanEffectiveCost_present",
        "g_reservationEffectiveCost_present" AS "g_reservationEffectiveCost_present",
        "g_usageAmount_present" AS "g_usageAmount_present",
        "tag_team" AS "tag_team"
      FROM (
        SELECT CAST(CAST("line_item_usage_start_date" AS DATE) AS VARCHAR) AS "charge_day",
          "line_item_usage_start_date" AS "period_start",
          coalesce("line_item_usage_end_date", "line_item_usage_start_date") AS "period_end",
          upper(trim(coalesce(CAST("line_item_currency_code" AS VARCHAR), ''))) AS "currency",
          CASE WHEN typeof("line_item_unblended_cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("line_item_unblended_cost" AS DOUBLE)) < 1000 THEN CAST("line_item_unblended_cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("line_item_unblended_cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("line_item_unblended_cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("line_item_unblended_cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("line_item_unblended_cost" AS DECIMAL(38, 12)) END AS "billed_cost",
          trim(coalesce(CAST("line_item_line_item_type" AS VARCHAR), '')) AS "src_line_item_line_item_type",
          trim(coalesce(CAST("line_item_product_code" AS VARCHAR), '')) AS "src_line_item_product_code",
          trim(coalesce(CAST("line_item_usage_type" AS VARCHAR), '')) AS "src_line_item_usage_type",
          CAST("bill_billing_period_start_date" AS VARCHAR) AS "src_bill_billing_period_start_date",
          CAST("line_item_usage_account_id" AS VARCHAR) AS "src_line_item_usage_account_id",
          CAST("bill_payer_account_id" AS VARCHAR) AS "src_bill_payer_account_id",
          CAST("product_region_code" AS VARCHAR) AS "src_product_region_code",
          CAST("pricing_unit" AS VARCHAR) AS "src_pricing_unit",
          CAST(CAST(NULL AS VARCHAR) AS VARCHAR) AS "src_product_product_name",
          CAST("product" AS VARCHAR) AS "src_product",
          CASE WHEN typeof("line_item_net_unblended_cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("line_item_net_unblended_cost" AS DOUBLE)) < 1000 THEN CAST("line_item_net_unblended_cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("line_item_net_unblended_cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("line_item_net_unblended_cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("line_item_net_unblended_cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("line_item_net_unblended_cost" AS DECIMAL(38, 12)) END AS "src_line_item_net_unblended_cost",
          CASE WHEN typeof("pricing_public_on_demand_cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("pricing_public_on_demand_cost" AS DOUBLE)) < 1000 THEN CAST("pricing_public_on_demand_cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("pricing_public_on_demand_cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("pricing_public_on_demand_cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("pricing_public_on_demand_cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("pricing_public_on_demand_cost" AS DECIMAL(38, 12)) END AS "src_pricing_public_on_demand_cost",
          CASE WHEN typeof("savings_plan_savings_plan_effective_cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("savings_plan_savings_plan_effective_cost" AS DOUBLE)) < 1000 THEN CAST("savings_plan_savings_plan_effective_cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("savings_plan_savings_plan_effective_cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("savings_plan_savings_plan_effective_cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("savings_plan_savings_plan_effective_cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("savings_plan_savings_plan_effective_cost" AS DECIMAL(38, 12)) END AS "src_savings_plan_savings_plan_effective_cost",
          CASE WHEN typeof("reservation_effective_cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("reservation_effective_cost" AS DOUBLE)) < 1000 THEN CAST("reservation_effective_cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("reservation_effective_cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("reservation_effective_cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("reservation_effective_cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("reservation_effective_cost" AS DECIMAL(38, 12)) END AS "src_reservation_effective_cost",
          CASE WHEN typeof("line_item_usage_amount") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("line_item_usage_amount" AS DOUBLE)) < 1000 THEN CAST("line_item_usage_amount" AS DECIMAL(38, 12)) ELSE CAST(CAST("line_item_usage_amount" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("line_item_usage_amount") = 'VARCHAR' THEN CAST(nullif(trim(CAST("line_item_usage_amount" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("line_item_usage_amount" AS DECIMAL(38, 12)) END AS "src_line_item_usage_amount",
          CASE WHEN "line_item_net_unblended_cost" IS NULL THEN 0 ELSE 1 END AS "g_netUnblendedCost_present",
          CASE WHEN "pricing_public_on_demand_cost" IS NULL THEN 0 ELSE 1 END AS "g_publicOnDemandCost_present",
          CASE WHEN "savings_plan_savings_plan_effective_cost" IS NULL THEN 0 ELSE 1 END AS "g_savingsPlanEffectiveCost_present",
          CASE WHEN "reservation_effective_cost" IS NULL THEN 0 ELSE 1 END AS "g_reservationEffectiveCost_present",
          CASE WHEN "line_item_usage_amount" IS NULL THEN 0 ELSE 1 END AS "g_usageAmount_present",
          CASE WHEN json_valid(coalesce(CAST("resource_tags" AS VARCHAR), '')) THEN json_extract_string(coalesce(CAST("resource_tags" AS VARCHAR), ''), '$."team"') END AS "tag_team"
        FROM "cur"
        WHERE "line_item_usage_start_date" >= TIMESTAMP '2026-03-01 00:00:00' AND "line_item_usage_start_date" < TIMESTAMP '2026-05-01 00:00:00'
      ) AS aispend_rows
      GROUP BY "charge_day", "currency", "src_line_item_line_item_type", "src_line_item_product_code", "src_line_item_usage_type", "src_bill_billing_period_start_date", "src_line_item_usage_account_id", "src_bill_payer_account_id", "src_product_region_code", "src_pricing_unit", "src_product_product_name", "src_product", "g_netUnblendedCost_present", "g_publicOnDemandCost_present", "g_savingsPlanEffectiveCost_present", "g_reservationEffectiveCost_present", "g_usageAmount_present", "tag_team"
    ) AS aispend_groups
  ) AS aispend_keys
  UNION ALL
  SELECT 'control' AS "aispend_row",
    'aws-cur' AS "aispend_source",
    '2.0' AS "aispend_source_version",
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
    CAST(NULL AS VARCHAR) AS "src_line_item_line_item_type",
    CAST(NULL AS VARCHAR) AS "src_line_item_product_code",
    CAST(NULL AS VARCHAR) AS "src_line_item_usage_type",
    CAST(NULL AS VARCHAR) AS "src_bill_billing_period_start_date",
    CAST(NULL AS VARCHAR) AS "src_line_item_usage_account_id",
    CAST(NULL AS VARCHAR) AS "src_bill_payer_account_id",
    CAST(NULL AS VARCHAR) AS "src_product_region_code",
    CAST(NULL AS VARCHAR) AS "src_pricing_unit",
    CAST(NULL AS VARCHAR) AS "src_product_product_name",
    CAST(NULL AS VARCHAR) AS "src_product",
    CAST(NULL AS VARCHAR) AS "src_line_item_net_unblended_cost",
    CAST(NULL AS VARCHAR) AS "src_pricing_public_on_demand_cost",
    CAST(NULL AS VARCHAR) AS "src_savings_plan_savings_plan_effective_cost",
    CAST(NULL AS VARCHAR) AS "src_reservation_effective_cost",
    CAST(NULL AS VARCHAR) AS "src_line_item_usage_amount",
    CAST(NULL AS VARCHAR) AS "tag_team"
  FROM (
    SELECT upper(trim(coalesce(CAST("line_item_currency_code" AS VARCHAR), ''))) AS "currency", CASE WHEN typeof("line_item_unblended_cost") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("line_item_unblended_cost" AS DOUBLE)) < 1000 THEN CAST("line_item_unblended_cost" AS DECIMAL(38, 12)) ELSE CAST(CAST("line_item_unblended_cost" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("line_item_unblended_cost") = 'VARCHAR' THEN CAST(nullif(trim(CAST("line_item_unblended_cost" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("line_item_unblended_cost" AS DECIMAL(38, 12)) END AS "billed_cost"
    FROM "cur"
    WHERE "line_item_usage_start_date" >= TIMESTAMP '2026-03-01 00:00:00' AND "line_item_usage_start_date" < TIMESTAMP '2026-05-01 00:00:00'
  ) AS aispend_control
  GROUP BY "currency"
) AS aispend_result
ORDER BY "aispend_row", "currency", "charge_day", "charge_category", "usage_class", "service_tier"
