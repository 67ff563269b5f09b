-- AI Spend Workbench push-down query (ClickHouse): AWS Cost and Usage Report (CUR 2.0) aggregated to the ledger's grain.
-- One group row per day, currency, the raw values the workbench names models, accounts and classes
-- from, and chosen tags (classified once per group by the importers' own rules, compiled: charge
-- category, usage class, tier, band); one control row per currency with the source rows read and
-- their billed cost. Import the whole result as it is (CSV, Parquet or JSON Lines).
-- Server time zone UTC (the timezone setting in config.xml), so days are UTC days.
SELECT * FROM (
  SELECT 'group' AS `aispend_row`,
    'aws-cur' AS `aispend_source`,
    '2.0' AS `aispend_source_version`,
    `aispend_source_rows` AS `aispend_source_rows`,
    `charge_day` AS `charge_day`,
    `period_start` AS `period_start`,
    `period_end` AS `period_end`,
    `currency` AS `currency`,
    toString(`billed_cost`) AS `billed_cost`,
    CASE WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) = '' THEN 'usage' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('usage', 'discountedusage', 'savingsplancoveredusage') THEN 'usage' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('tax') THEN 'tax' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('credit', 'bundleddiscount') THEN 'credit' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('refund') THEN 'refund' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('fee', 'rifee', 'savingsplanupfrontfee', 'savingsplanrecurringfee') THEN 'purchase' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('savingsplannegation', 'discount', 'edpdiscount', 'privateratediscount', 'distributordiscount') THEN 'adjustment' ELSE 'adjustment' END AS `charge_category`,
    CASE WHEN CASE WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) = '' THEN 'usage' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('usage', 'discountedusage', 'savingsplancoveredusage') THEN 'usage' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('tax') THEN 'tax' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('credit', 'bundleddiscount') THEN 'credit' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('refund') THEN 'refund' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('fee', 'rifee', 'savingsplanupfrontfee', 'savingsplanrecurringfee') THEN 'purchase' WHEN lowerUTF8(replaceRegexpAll(coalesce(`src_line_item_line_item_type`, ''), '^\\s+|\\s+$', '')) IN ('savingsplannegation', 'discount', 'edpdiscount', 'privateratediscount', 'distributordiscount') THEN 'adjustment' ELSE 'adjustment' END <> 'usage' THEN 'other' WHEN CASE WHEN `src_line_item_usage_type` = '' THEN CAST(NULL AS Nullable(String)) ELSE CASE WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') AND match(lowerUTF8(`src_line_item_usage_type`), '1h|1-?hour') THEN 'cache_write_1h' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN match(lowerUTF8(`src_line_item_usage_type`), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS Nullable(String)) END END IS NOT NULL THEN CASE WHEN `src_line_item_usage_type` = '' THEN CAST(NULL AS Nullable(String)) ELSE CASE WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') AND match(lowerUTF8(`src_line_item_usage_type`), '1h|1-?hour') THEN 'cache_write_1h' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN match(lowerUTF8(`src_line_item_usage_type`), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS Nullable(String)) END END WHEN (CASE WHEN `src_line_item_usage_type` = '' THEN CAST(NULL AS Nullable(String)) ELSE CASE WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') AND match(lowerUTF8(`src_line_item_usage_type`), '1h|1-?hour') THEN 'cache_write_1h' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN match(lowerUTF8(`src_line_item_usage_type`), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS Nullable(String)) END END IS NOT NULL OR `src_line_item_product_code` LIKE 'AmazonBedrock%' OR (`h_product_name` IS NOT NULL AND ((match(lowerUTF8(`h_product_name`), 'bedrock'))))) THEN coalesce(CASE WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned_unit_hour' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') AND match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(1h|1[ -]?hour|60[ -]?min)([^a-z0-9_]|$)') THEN 'cache_write_1h' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(cache[ -]?(write|creation|storage)|cache[ -]?writes)([^a-z0-9_]|$)') THEN 'cache_write_5m' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(cache[ds]?[ -]?read|cached|cchd|cache[ -]?hit)([^a-z0-9_]|$)') THEN 'cached_input' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(web[ -]?search|search queries|tool calls?|grounding|code[ -]?interpreter|file[ -]?search)([^a-z0-9_]|$)') THEN 'tool_call' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(audio|speech|transcription)[^a-z0-9_](.*[^a-z0-9_])?(seconds?|minutes?|hours?)([^a-z0-9_]|$)|(^|[^a-z0-9_])(seconds?|minutes?)[^a-z0-9_](.*[^a-z0-9_])?(audio|speech)([^a-z0-9_]|$)') THEN 'audio_second' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(output|outp|completion|generated|thinking|reasoning)([^a-z0-9_]|$)') THEN 'output' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(input|inp|prompt)([^a-z0-9_]|$)') THEN 'input' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(images?|image generation)([^a-z0-9_]|$)') THEN 'image' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(requests?|calls?|invocations?)([^a-z0-9_]|$)') THEN 'request' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(seats?|licen[cs]es?|per user)([^a-z0-9_]|$)') THEN 'seat' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(storage|gb[ -]?(month|hour)|vector store)([^a-z0-9_]|$)') THEN 'storage' WHEN match(replaceRegexpAll(lowerUTF8(`src_line_item_usage_type`), '[_/]+', ' '), '(^|[^a-z0-9_])(tokens?|tkns?|characters?)([^a-z0-9_]|$)') THEN 'input' ELSE CAST(NULL AS Nullable(String)) END, 'other') ELSE 'other' END AS `usage_class`,
    CASE WHEN CASE WHEN `src_line_item_usage_type` = '' THEN CAST(NULL AS Nullable(String)) ELSE CASE WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') AND match(lowerUTF8(`src_line_item_usage_type`), '1h|1-?hour') THEN 'cache_write_1h' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN match(lowerUTF8(`src_line_item_usage_type`), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS Nullable(String)) END END IS NULL THEN 'standard' WHEN CASE WHEN `src_line_item_usage_type` = '' THEN CAST(NULL AS Nullable(String)) ELSE CASE WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?read|cachereadinput') THEN 'cached_input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') AND match(lowerUTF8(`src_line_item_usage_type`), '1h|1-?hour') THEN 'cache_write_1h' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'cache-?write|cachewriteinput') THEN 'cache_write_5m' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'input-?tokens?|inputtokencount|input-token-count') THEN 'input' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'output-?tokens?|outputtokencount|output-token-count') THEN 'output' WHEN match(lowerUTF8(`src_line_item_usage_type`), 'provisioned|model-?units?|modelunit|-pt-|throughput') THEN 'provisioned_unit_hour' WHEN match(lowerUTF8(`src_line_item_usage_type`), '-images?(-|$)|imagecount|image-generation') THEN 'image' ELSE CAST(NULL AS Nullable(String)) END END = 'provisioned_unit_hour' THEN 'provisioned' ELSE CASE WHEN match(replaceRegexpAll(lowerUTF8(lowerUTF8(`src_line_item_usage_type`)), '[_/-]+', ' '), '(^|[^a-z0-9_])(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)([^a-z0-9_]|$)') THEN 'provisioned' WHEN match(replaceRegexpAll(lowerUTF8(lowerUTF8(`src_line_item_usage_type`)), '[_/-]+', ' '), '(^|[^a-z0-9_])(batch|bt)([^a-z0-9_]|$)') THEN 'batch' WHEN match(replaceRegexpAll(lowerUTF8(lowerUTF8(`src_line_item_usage_type`)), '[_/-]+', ' '), '(^|[^a-z0-9_])flex([^a-z0-9_]|$)') THEN 'flex' WHEN match(replaceRegexpAll(lowerUTF8(lowerUTF8(`src_line_item_usage_type`)), '[_/-]+', ' '), '(^|[^a-z0-9_])priority([^a-z0-9_]|$)') THEN 'priority' ELSE 'standard' END END AS `service_tier`,
    CAST(NULL AS Nullable(String)) AS `context_band`,
    `src_line_item_line_item_type` AS `src_line_item_line_item_type`,
    `src_line_item_product_code` AS `src_line_item_product_code`,
    `src_line_item_usage_type` AS `src_line_item_usage_type`,
    `src_bill_billing_period_start_date` AS `src_bill_billing_period_start_date`,
    `src_line_item_usage_account_id` AS `src_line_item_usage_account_id`,
    `src_bill_payer_account_id` AS `src_bill_payer_account_id`,
    `src_product_region_code` AS `src_product_region_code`,
    `src_pricing_unit` AS `src_pricing_unit`,
    `src_product_product_name` AS `src_product_product_name`,
    `src_product` AS `src_product`,
    toString(`src_line_item_net_unblended_cost`) AS `src_line_item_net_unblended_cost`,
    toString(`src_pricing_public_on_demand_cost`) AS `src_pricing_public_on_demand_cost`,
    toString(`src_savings_plan_savings_plan_effective_cost`) AS `src_savings_plan_savings_plan_effective_cost`,
    toString(`src_reservation_effective_cost`) AS `src_reservation_effective_cost`,
    toString(`src_line_item_usage_amount`) AS `src_line_item_usage_amount`,
    `tag_team` AS `tag_team`
  FROM (
    SELECT *, coalesce(CASE WHEN replaceRegexpAll(coalesce(`src_product_product_name`, ''), '^\\s+|\\s+$', '') IN ('', 'null', 'NULL', 'None') THEN CAST(NULL AS Nullable(String)) ELSE replaceRegexpAll(coalesce(`src_product_product_name`, ''), '^\\s+|\\s+$', '') END, nullif(replaceRegexpAll(coalesce(nullIf(visitParamExtractString(coalesce(`src_product`, ''), 'product_name'), ''), ''), '^\\s+|\\s+$', ''), ''), nullif(replaceRegexpAll(coalesce(nullIf(visitParamExtractString(coalesce(`src_product`, ''), 'productName'), ''), ''), '^\\s+|\\s+$', ''), '')) AS `h_product_name`
    FROM (
      SELECT COUNT(*) AS `aispend_source_rows`,
        MIN(`period_start`) AS `period_start`,
        MAX(`period_end`) AS `period_end`,
        SUM(`billed_cost`) AS `billed_cost`,
        SUM(`src_line_item_net_unblended_cost`) AS `src_line_item_net_unblended_cost`,
        SUM(`src_pricing_public_on_demand_cost`) AS `src_pricing_public_on_demand_cost`,
        SUM(`src_savings_plan_savings_plan_effective_cost`) AS `src_savings_plan_savings_plan_effective_cost`,
        SUM(`src_reservation_effective_cost`) AS `src_reservation_effective_cost`,
        SUM(`src_line_item_usage_amount`) AS `src_line_item_usage_amount`,
        `charge_day` AS `charge_day`,
        `currency` AS `currency`,
        `src_line_item_line_item_type` AS `src_line_item_line_item_type`,
        `src_line_item_product_code` AS `src_line_item_product_code`,
        `src_line_item_usage_type` AS `src_line_item_usage_type`,
        `src_bill_billing_period_start_date` AS `src_bill_billing_period_start_date`,
        `src_line_item_usage_account_id` AS `src_line_item_usage_account_id`,
        `src_bill_payer_account_id` AS `src_bill_payer_account_id`,
        `src_product_region_code` AS `src_product_region_code`,
        `src_pricing_unit` AS `src_pricing_unit`,
        `src_product_product_name` AS `src_product_product_name`,
        `src_product` AS `src_product`,
        `g_netUnblendedCost_present` AS `g_netUnblendedCost_present`,
        `g_publicOnDemandCost_present` AS `g_publicOnDemandCost_present`,
        `g_savingsPlanEffectiveCost_present` AS `g_savingsPlanEffectiveCost_present`,
        `g_reservationEffectiveCost_present` AS `g_reservationEffectiveCost_present`,
        `g_usageAmount_present` AS `g_usageAmount_present`,
        `tag_team` AS `tag_team`
      FROM (
        SELECT toString(toDate(`line_item_usage_start_date`)) AS `charge_day`,
          `line_item_usage_start_date` AS `period_start`,
          coalesce(`line_item_usage_end_date`, `line_item_usage_start_date`) AS `period_end`,
          upperUTF8(replaceRegexpAll(coalesce(toString(`line_item_currency_code`), ''), '^\\s+|\\s+$', '')) AS `currency`,
          CAST(nullIf(replaceRegexpAll(toString(`line_item_unblended_cost`), '^\\s+|\\s+$', ''), '') AS Nullable(Decimal(38, 12))) AS `billed_cost`,
          replaceRegexpAll(coalesce(toString(`line_item_line_item_type`), ''), '^\\s+|\\s+$', '') AS `src_line_item_line_item_type`,
          replaceRegexpAll(coalesce(toString(`line_item_product_code`), ''), '^\\s+|\\s+$', '') AS `src_line_item_product_code`,
          replaceRegexpAll(coalesce(toString(`line_item_usage_type`), ''), '^\\s+|\\s+$', '') AS `src_line_item_usage_type`,
          toString(`bill_billing_period_start_date`) AS `src_bill_billing_period_start_date`,
          toString(`line_item_usage_account_id`) AS `src_line_item_usage_account_id`,
          toString(`bill_payer_account_id`) AS `src_bill_payer_account_id`,
          toString(`product_region_code`) AS `src_product_region_code`,
          toString(`pricing_unit`) AS `src_pricing_unit`,
          toString(CAST(NULL AS Nullable(String))) AS `src_product_product_name`,
          toString(`product`) AS `src_product`,
          CAST(nullIf(replaceRegexpAll(toString(`line_item_net_unblended_cost`), '^\\s+|\\s+$', ''), '') AS Nullable(Decimal(38, 12))) AS `src_line_item_net_unblended_cost`,
          CAST(nullIf(replaceRegexpAll(toString(`pricing_public_on_demand_cost`), '^\\s+|\\s+$', ''), '') AS Nullable(Decimal(38, 12))) AS `src_pricing_public_on_demand_cost`,
          CAST(nullIf(replaceRegexpAll(toString(`savings_plan_savings_plan_effective_cost`), '^\\s+|\\s+$', ''), '') AS Nullable(Decimal(38, 12))) AS `src_savings_plan_savings_plan_effective_cost`,
          CAST(nullIf(replaceRegexpAll(toString(`reservation_effective_cost`), '^\\s+|\\s+$', ''), '') AS Nullable(Decimal(38, 12))) AS `src_reservation_effective_cost`,
          CAST(nullIf(replaceRegexpAll(toString(`line_item_usage_amount`), '^\\s+|\\s+$', ''), '') AS Nullable(Decimal(38, 12))) AS `src_line_item_usage_amount`,
          CASE WHEN `line_item_net_unblended_cost` IS NULL THEN 0 ELSE 1 END AS `g_netUnblendedCost_present`,
          CASE WHEN `pricing_public_on_demand_cost` IS NULL THEN 0 ELSE 1 END AS `g_publicOnDemandCost_present`,
          CASE WHEN `savings_plan_savings_plan_effective_cost` IS NULL THEN 0 ELSE 1 END AS `g_savingsPlanEffectiveCost_present`,
          CASE WHEN `reservation_effective_cost` IS NULL THEN 0 ELSE 1 END AS `g_reservationEffectiveCost_present`,
          CASE WHEN `line_item_usage_amount` IS NULL THEN 0 ELSE 1 END AS `g_usageAmount_present`,
          nullIf(visitParamExtractString(coalesce(toString(`resource_tags`), ''), 'team'), '') AS `tag_team`
        FROM `cur`
        WHERE `line_item_usage_start_date` >= toDateTime('2026-03-01 00:00:00') AND `line_item_usage_start_date` < toDateTime('2026-05-01 00:00:00')
      ) AS aispend_rows
      GROUP BY `charge_day`, `currency`, `src_line_item_line_item_type`, `src_line_item_product_code`, `src_line_item_usage_type`, `src_bill_billing_period_start_date`, `src_line_item_usage_account_id`, `src_bill_payer_account_id`, `src_product_region_code`, `src_pricing_unit`, `src_product_product_name`, `src_product`, `g_netUnblendedCost_present`, `g_publicOnDemandCost_present`, `g_savingsPlanEffectiveCost_present`, `g_reservationEffectiveCost_present`, `g_usageAmount_present`, `tag_team`
    ) AS aispend_groups
  ) AS aispend_keys
  UNION ALL
  SELECT 'control' AS `aispend_row`,
    'aws-cur' AS `aispend_source`,
    '2.0' AS `aispend_source_version`,
    COUNT(*) AS `aispend_source_rows`,
    CAST(NULL AS Nullable(String)) AS `charge_day`,
    NULL AS `period_start`,
    NULL AS `period_end`,
    `currency` AS `currency`,
    toString(SUM(`billed_cost`)) AS `billed_cost`,
    CAST(NULL AS Nullable(String)) AS `charge_category`,
    CAST(NULL AS Nullable(String)) AS `usage_class`,
    CAST(NULL AS Nullable(String)) AS `service_tier`,
    CAST(NULL AS Nullable(String)) AS `context_band`,
    CAST(NULL AS Nullable(String)) AS `src_line_item_line_item_type`,
    CAST(NULL AS Nullable(String)) AS `src_line_item_product_code`,
    CAST(NULL AS Nullable(String)) AS `src_line_item_usage_type`,
    CAST(NULL AS Nullable(String)) AS `src_bill_billing_period_start_date`,
    CAST(NULL AS Nullable(String)) AS `src_line_item_usage_account_id`,
    CAST(NULL AS Nullable(String)) AS `src_bill_payer_account_id`,
    CAST(NULL AS Nullable(String)) AS `src_product_region_code`,
    CAST(NULL AS Nullable(String)) AS `src_pricing_unit`,
    CAST(NULL AS Nullable(String)) AS `src_product_product_name`,
    CAST(NULL AS Nullable(String)) AS `src_product`,
    CAST(NULL AS Nullable(String)) AS `src_line_item_net_unblended_cost`,
    CAST(NULL AS Nullable(String)) AS `src_pricing_public_on_demand_cost`,
    CAST(NULL AS Nullable(String)) AS `src_savings_plan_savings_plan_effective_cost`,
    CAST(NULL AS Nullable(String)) AS `src_reservation_effective_cost`,
    CAST(NULL AS Nullable(String)) AS `src_line_item_usage_amount`,
    CAST(NULL AS Nullable(String)) AS `tag_team`
  FROM (
    SELECT upperUTF8(replaceRegexpAll(coalesce(toString(`line_item_currency_code`), ''), '^\\s+|\\s+$', '')) AS `currency`, CAST(nullIf(replaceRegexpAll(toString(`line_item_unblended_cost`), '^\\s+|\\s+$', ''), '') AS Nullable(Decimal(38, 12))) AS `billed_cost`
    FROM `cur`
    WHERE `line_item_usage_start_date` >= toDateTime('2026-03-01 00:00:00') AND `line_item_usage_start_date` < toDateTime('2026-05-01 00:00:00')
  ) AS aispend_control
  GROUP BY `currency`
) AS aispend_result
ORDER BY `aispend_row`, `currency`, `charge_day`, `charge_category`, `usage_class`, `service_tier`
