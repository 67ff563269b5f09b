-- AI Spend Workbench push-down query (DuckDB): Azure cost details export (EA/MCA) aggregated to the ledger's grain.
-- One group row per day, currency, the raw values the workbench names models, accounts and classes
-- from, and chosen tags (classified once per group by the importers' own rules, compiled: charge
-- category, usage class, tier, band); one control row per currency with the source rows read and
-- their billed cost. Import the whole result as it is (CSV, Parquet or JSON Lines).
SET TimeZone = 'UTC';
SELECT * FROM (
  SELECT 'group' AS "aispend_row",
    'azure-cost' AS "aispend_source",
    'actual' AS "aispend_source_version",
    "aispend_source_rows" AS "aispend_source_rows",
    "charge_day" AS "charge_day",
    "period_start" AS "period_start",
    "period_end" AS "period_end",
    "currency" AS "currency",
    CAST("billed_cost" AS VARCHAR) AS "billed_cost",
    CASE WHEN lower(trim(coalesce("src_ChargeType", ''))) = '' THEN 'usage' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('usage', 'unusedreservation', 'unusedsavingsplan') THEN 'usage' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('purchase') THEN 'purchase' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('refund') THEN 'refund' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('tax') THEN 'tax' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('credit') THEN 'credit' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('roundingadjustment', 'adjustment') THEN 'adjustment' ELSE 'adjustment' END AS "charge_category",
    CASE WHEN CASE WHEN lower(trim(coalesce("src_ChargeType", ''))) = '' THEN 'usage' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('usage', 'unusedreservation', 'unusedsavingsplan') THEN 'usage' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('purchase') THEN 'purchase' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('refund') THEN 'refund' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('tax') THEN 'tax' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('credit') THEN 'credit' WHEN lower(trim(coalesce("src_ChargeType", ''))) IN ('roundingadjustment', 'adjustment') THEN 'adjustment' ELSE 'adjustment' END = 'usage' AND NOT (lower("src_ChargeType") LIKE 'unused%') AND (((regexp_matches(lower("src_MeterCategory" || ' ' || "src_MeterSubCategory" || ' ' || "src_ConsumedService"), 'openai|cognitive services|foundry|ai services|azure ai'))) OR ((regexp_matches(lower(trim("src_MeterName")), '(^|[^a-z0-9_])tokens?([^a-z0-9_]|$)|(^|[^a-z0-9_])inp([^a-z0-9_]|$)|(^|[^a-z0-9_])outp([^a-z0-9_]|$)|(^|[^a-z0-9_])cchd([^a-z0-9_]|$)|(^|[^a-z0-9_])cached([^a-z0-9_]|$)|provisioned managed|(^|[^a-z0-9_])ptu')))) THEN coalesce(CASE WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned_unit_hour' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') AND regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(1h|1[ -]?hour|60[ -]?min)([^a-z0-9_]|$)') THEN 'cache_write_1h' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') THEN 'cache_write_5m' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(cache[ds]?[ -]?read|cached|cchd|cache[ -]?hit)([^a-z0-9_]|$)') THEN 'cached_input' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(web[ -]?search|search queries|tool calls?|grounding|code[ -]?interpreter|file[ -]?search)([^a-z0-9_]|$)') THEN 'tool_call' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(audio|speech|transcription)[^a-z0-9_](.*[^a-z0-9_])?(seconds?|minutes?|hours?)([^a-z0-9_]|$)|(^|[^a-z0-9_])(seconds?|minutes?)[^a-z0-9_](.*[^a-z0-9_])?(audio|speech)([^a-z0-9_]|$)') THEN 'audio_second' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(output|outp|completion|generated|thinking|reasoning)([^a-z0-9_]|$)') THEN 'output' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(input|inp|prompt)([^a-z0-9_]|$)') THEN 'input' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(images?|image generation)([^a-z0-9_]|$)') THEN 'image' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(requests?|calls?|invocations?)([^a-z0-9_]|$)') THEN 'request' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(seats?|licen[cs]es?|per user)([^a-z0-9_]|$)') THEN 'seat' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(storage|gb[ -]?(month|hour)|vector store)([^a-z0-9_]|$)') THEN 'storage' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/]+', ' ', 'g'), '(^|[^a-z0-9_])(tokens?|tkns?|characters?)([^a-z0-9_]|$)') THEN 'input' ELSE CAST(NULL AS VARCHAR) END, 'other') ELSE 'other' END AS "usage_class",
    CASE WHEN (((regexp_matches(lower("src_MeterCategory" || ' ' || "src_MeterSubCategory" || ' ' || "src_ConsumedService"), 'openai|cognitive services|foundry|ai services|azure ai'))) OR ((regexp_matches(lower(trim("src_MeterName")), '(^|[^a-z0-9_])tokens?([^a-z0-9_]|$)|(^|[^a-z0-9_])inp([^a-z0-9_]|$)|(^|[^a-z0-9_])outp([^a-z0-9_]|$)|(^|[^a-z0-9_])cchd([^a-z0-9_]|$)|(^|[^a-z0-9_])cached([^a-z0-9_]|$)|provisioned managed|(^|[^a-z0-9_])ptu')))) THEN CASE WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])(batch|bt)([^a-z0-9_]|$)') THEN 'batch' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])flex([^a-z0-9_]|$)') THEN 'flex' WHEN regexp_matches(regexp_replace(lower(trim("src_MeterName") || ' ' || "src_MeterSubCategory"), '[_/-]+', ' ', 'g'), '(^|[^a-z0-9_])priority([^a-z0-9_]|$)') THEN 'priority' ELSE 'standard' END ELSE 'standard' END AS "service_tier",
    CAST(NULL AS VARCHAR) AS "context_band",
    "src_ChargeType" AS "src_ChargeType",
    "src_BillingPeriodStartDate" AS "src_BillingPeriodStartDate",
    "src_BillingAccountId" AS "src_BillingAccountId",
    "src_SubscriptionId" AS "src_SubscriptionId",
    "src_ResourceLocation" AS "src_ResourceLocation",
    "src_MeterRegion" AS "src_MeterRegion",
    "src_MeterCategory" AS "src_MeterCategory",
    "src_MeterSubCategory" AS "src_MeterSubCategory",
    "src_MeterName" AS "src_MeterName",
    "src_UnitOfMeasure" AS "src_UnitOfMeasure",
    "src_ConsumedService" AS "src_ConsumedService",
    CAST("src_Quantity" AS VARCHAR) AS "src_Quantity",
    CAST("src_PaygCostInBillingCurrency" AS VARCHAR) AS "src_PaygCostInBillingCurrency",
    "tag_team" AS "tag_team"
  FROM (
    SELECT *
    FROM (
      SELECT COUNT(*) AS "aispend_source_rows",
        MIN("period_start") AS "period_start",
        MAX("period_end") AS "period_end",
        SUM("billed_cost") AS "billed_cost",
        SUM("src_Quantity") AS "src_Quantity",
        SUM("src_PaygCostInBillingCurrency") AS "src_PaygCostInBillingCurrency",
        "charge_day" AS "charge_day",
        "currency" AS "currency",
        "src_ChargeType" AS "src_ChargeType",
        "src_BillingPeriodStartDate" AS "src_BillingPeriodStartDate",
        "src_BillingAccountId" AS "src_BillingAccountId",
        "src_SubscriptionId" AS "src_SubscriptionId",
        "src_ResourceLocation" AS "src_ResourceLocation",
        "src_MeterRegion" AS "src_MeterRegion",
        "src_MeterCategory" AS "src_MeterCategory",
        "src_MeterSubCategory" AS "src_MeterSubCategory",
        "src_MeterName" AS "src_MeterName",
        "src_UnitOfMeasure" AS "src_UnitOfMeasure",
        "src_ConsumedService" AS "src_ConsumedService",
        "g_payg_present" AS "g_payg_present",
        "tag_team" AS "tag_team"
      FROM (
        SELECT CAST("Date" AS VARCHAR) AS "charge_day",
          "Date" AS "period_start",
          "Date" AS "period_end",
          upper(trim(coalesce(CAST("BillingCurrencyCode" AS VARCHAR), ''))) AS "currency",
          CASE WHEN typeof("CostInBillingCurrency") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("CostInBillingCurrency" AS DOUBLE)) < 1000 THEN CAST("CostInBillingCurrency" AS DECIMAL(38, 12)) ELSE CAST(CAST("CostInBillingCurrency" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("CostInBillingCurrency") = 'VARCHAR' THEN CAST(nullif(trim(CAST("CostInBillingCurrency" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("CostInBillingCurrency" AS DECIMAL(38, 12)) END AS "billed_cost",
          trim(coalesce(CAST("ChargeType" AS VARCHAR), '')) AS "src_ChargeType",
          CAST("BillingPeriodStartDate" AS VARCHAR) AS "src_BillingPeriodStartDate",
          coalesce(CAST("BillingAccountId" AS VARCHAR), '') AS "src_BillingAccountId",
          coalesce(CAST("SubscriptionId" AS VARCHAR), '') AS "src_SubscriptionId",
          coalesce(CAST("ResourceLocation" AS VARCHAR), '') AS "src_ResourceLocation",
          coalesce(CAST(CAST(NULL AS VARCHAR) AS VARCHAR), '') AS "src_MeterRegion",
          coalesce(CAST("MeterCategory" AS VARCHAR), '') AS "src_MeterCategory",
          coalesce(CAST("MeterSubCategory" AS VARCHAR), '') AS "src_MeterSubCategory",
          coalesce(CAST("MeterName" AS VARCHAR), '') AS "src_MeterName",
          coalesce(CAST("UnitOfMeasure" AS VARCHAR), '') AS "src_UnitOfMeasure",
          coalesce(CAST("ConsumedService" AS VARCHAR), '') AS "src_ConsumedService",
          CASE WHEN typeof("Quantity") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("Quantity" AS DOUBLE)) < 1000 THEN CAST("Quantity" AS DECIMAL(38, 12)) ELSE CAST(CAST("Quantity" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("Quantity") = 'VARCHAR' THEN CAST(nullif(trim(CAST("Quantity" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("Quantity" AS DECIMAL(38, 12)) END AS "src_Quantity",
          CASE WHEN typeof("PaygCostInBillingCurrency") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("PaygCostInBillingCurrency" AS DOUBLE)) < 1000 THEN CAST("PaygCostInBillingCurrency" AS DECIMAL(38, 12)) ELSE CAST(CAST("PaygCostInBillingCurrency" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("PaygCostInBillingCurrency") = 'VARCHAR' THEN CAST(nullif(trim(CAST("PaygCostInBillingCurrency" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("PaygCostInBillingCurrency" AS DECIMAL(38, 12)) END AS "src_PaygCostInBillingCurrency",
          CASE WHEN "PaygCostInBillingCurrency" IS NULL THEN 0 ELSE 1 END AS "g_payg_present",
          CASE WHEN json_valid(CASE WHEN trim(coalesce(CAST("Tags" AS VARCHAR), '')) LIKE '{%' THEN trim(coalesce(CAST("Tags" AS VARCHAR), '')) ELSE '{' || trim(coalesce(CAST("Tags" AS VARCHAR), '')) || '}' END) THEN json_extract_string(CASE WHEN trim(coalesce(CAST("Tags" AS VARCHAR), '')) LIKE '{%' THEN trim(coalesce(CAST("Tags" AS VARCHAR), '')) ELSE '{' || trim(coalesce(CAST("Tags" AS VARCHAR), '')) || '}' END, '$."team"') END AS "tag_team"
        FROM "azure_cost_details"
        WHERE "Date" >= TIMESTAMP '2026-03-01 00:00:00' AND "Date" < TIMESTAMP '2026-05-01 00:00:00'
      ) AS aispend_rows
      GROUP BY "charge_day", "currency", "src_ChargeType", "src_BillingPeriodStartDate", "src_BillingAccountId", "src_SubscriptionId", "src_ResourceLocation", "src_MeterRegion", "src_MeterCategory", "src_MeterSubCategory", "src_MeterName", "src_UnitOfMeasure", "src_ConsumedService", "g_payg_present", "tag_team"
    ) AS aispend_groups
  ) AS aispend_keys
  UNION ALL
  SELECT 'control' AS "aispend_row",
    'azure-cost' AS "aispend_source",
    'actual' AS "aispend_source_version",
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
    CAST(NULL AS VARCHAR) AS "src_ChargeType",
    CAST(NULL AS VARCHAR) AS "src_BillingPeriodStartDate",
    CAST(NULL AS VARCHAR) AS "src_BillingAccountId",
    CAST(NULL AS VARCHAR) AS "src_SubscriptionId",
    CAST(NULL AS VARCHAR) AS "src_ResourceLocation",
    CAST(NULL AS VARCHAR) AS "src_MeterRegion",
    CAST(NULL AS VARCHAR) AS "src_MeterCategory",
    CAST(NULL AS VARCHAR) AS "src_MeterSubCategory",
    CAST(NULL AS VARCHAR) AS "src_MeterName",
    CAST(NULL AS VARCHAR) AS "src_UnitOfMeasure",
    CAST(NULL AS VARCHAR) AS "src_ConsumedService",
    CAST(NULL AS VARCHAR) AS "src_Quantity",
    CAST(NULL AS VARCHAR) AS "src_PaygCostInBillingCurrency",
    CAST(NULL AS VARCHAR) AS "tag_team"
  FROM (
    SELECT upper(trim(coalesce(CAST("BillingCurrencyCode" AS VARCHAR), ''))) AS "currency", CASE WHEN typeof("CostInBillingCurrency") IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST("CostInBillingCurrency" AS DOUBLE)) < 1000 THEN CAST("CostInBillingCurrency" AS DECIMAL(38, 12)) ELSE CAST(CAST("CostInBillingCurrency" AS VARCHAR) AS DECIMAL(38, 12)) END) WHEN typeof("CostInBillingCurrency") = 'VARCHAR' THEN CAST(nullif(trim(CAST("CostInBillingCurrency" AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST("CostInBillingCurrency" AS DECIMAL(38, 12)) END AS "billed_cost"
    FROM "azure_cost_details"
    WHERE "Date" >= TIMESTAMP '2026-03-01 00:00:00' AND "Date" < TIMESTAMP '2026-05-01 00:00:00'
  ) AS aispend_control
  GROUP BY "currency"
) AS aispend_result
ORDER BY "aispend_row", "currency", "charge_day", "charge_category", "usage_class", "service_tier"
