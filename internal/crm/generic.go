package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// generic holds the headers each canonical field is read from in every
// file, after those of the file's CRM (Preset.Aliases), best first,
// written as people see them; matching folds them with HeaderKey. Choices
// of note (docs/import.md is silent on them):
//   - customer_id prefers ids over names ("Customer ID", "Account ID"
//     before "Account Name", "Company"), so deals join the customers file's
//     ids when the export has both.
//   - team is read from "Team", "Sales Team" and Maven's "regional_office";
//     not from "manager", which names a person.
//   - "Status" is a stage label column; Pipedrive's "Deal - Status" and
//     Close's "status_type" are flags (open/won/lost), see Flags below.
//   - A company's "Create Date" is when the record was made, not when it
//     became a customer, so it is no alias of acquired_at.
//   - "won_date" (Olist) is a close date; so is an expected close date
//     ("cierre_previsto"), which for an open deal is what closed_at holds.
//   - Headers in Spanish, Portuguese, French, German, Italian and Dutch,
//     the languages whose won and lost words the stages know ("etapa",
//     "importe", "responsável", "resultado" for how a deal ended).
var generic = Preset{
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"id", "deal id", "opportunity id", "deal - id", "record id", "opportunity_id", "deal_id", "dealid", "opportunityid", "hs_object_id", "opportunity number", "opportunity no", "deal number", "id oportunidade", "id oportunidad", "id opportunité"},
			"name":        {"name", "deal name", "opportunity name", "deal - title", "title", "deal title", "dealname", "opportunity"},
			"customer_id": {"customer_id", "customer id", "account id", "accountid", "account_id", "company id", "associated company ids (primary)", "associated company id", "associated company ids", "organization id", "deal - organization id", "customer", "account name", "account", "associated company (primary)", "associated company", "deal - organization", "organization", "company", "company name", "customer name", "id cliente", "empresa", "cliente", "client", "kunde", "azienda", "klant"},
			"owner":       {"owner", "deal owner", "opportunity owner", "sales_agent", "sales agent", "deal - owner", "ownerid", "owner id", "owner name", "hubspot_owner_id", "sales rep", "salesperson", "rep", "user", "responsable", "responsável", "vendedor", "propietario", "proprietário", "commercial", "verantwortlich", "eigenaar"},
			"team":        {"team", "sales team", "team name", "hubspot team", "deal - team", "regional_office", "regional office"},
			"stage":       {"stage", "deal stage", "dealstage", "stagename", "deal_stage", "opportunity stage", "deal - stage", "pipeline stage", "status", "deal status", "sales stage", "opp status", "stage_id", "etapa", "estágio", "fase", "étape", "phase", "resultado"},
			"type":        {"type", "deal type", "dealtype", "opportunity type", "deal - type", "deal_type", "tipo", "tipo de oportunidade", "tipo de oportunidad", "typ"},
			"amount":      {"amount", "deal amount", "value", "deal value", "deal - value", "close_value", "close value", "opportunity amount", "total amount", "amount in company currency", "amount_in_home_currency", "amount (converted)", "expected_amount", "importe", "importe_eur", "monto", "valor", "valor vendido", "montant", "betrag", "importo", "bedrag"},
			"cost":        {"cost", "deal cost", "costs", "cogs", "cost of goods sold", "deal - cost"},
			"discount":    {"discount", "discount %", "discount (%)", "discount_pct", "discount percent", "discount percentage", "deal - discount"},
			"currency":    {"currency", "currencyisocode", "currency iso code", "amount currency", "deal - currency of value", "deal - currency", "currency code", "deal currency code", "deal_currency_code", "opportunity currency"},
			"created_at":  {"created_at", "create date", "created date", "createddate", "engage_date", "engage date", "deal - deal created", "deal - add time", "created", "created on", "creation date", "createdate", "date created", "add time", "created time", "fecha de creación", "fecha creación", "data de criação", "data criação", "date de création", "erstellt am", "data creazione", "aangemaakt op"},
			"closed_at":   {"closed_at", "close date", "closedate", "close_date", "deal - deal closed on", "closed date", "closed on", "date closed", "won_date", "won date", "deal - close date", "closing date", "expected close date", "fecha de cierre", "cierre", "cierre_previsto", "data de fechamento", "date de clôture", "abschlussdatum", "data chiusura", "sluitingsdatum"},
		},
		row.KindCustomers: {
			"id":          {"id", "customer id", "customer_id", "customerid", "account id", "account_id", "accountid", "record id", "company id", "organization - id", "organization id", "hs_object_id", "customer", "account"},
			"name":        {"name", "customer name", "company name", "account name", "account_name", "organization - name", "organization name", "company", "organization"},
			"owner":       {"owner", "company owner", "account owner", "customer owner", "organization - owner", "ownerid", "owner id", "hubspot_owner_id", "sales_agent", "sales rep"},
			"team":        {"team", "sales team", "team name", "hubspot team", "regional_office", "regional office"},
			"segment":     {"segment", "customer segment", "market segment", "business_segment", "business segment", "tier", "plan tier", "plan_tier", "customer tier"},
			"acquired_at": {"acquired_at", "acquired", "acquired on", "acquired date", "acquisition date", "became a customer date", "hs_lifecyclestage_customer_date", "customer since", "signup_date", "signup date", "sign up date", "signed up", "first purchase date", "customer_since"},
			"churned_at":  {"churned_at", "churn date", "churn_date", "churned", "churned on", "churned date", "churned at", "cancellation date", "cancelled date", "canceled date", "cancelled at", "canceled at", "cancel date"},
		},
		row.KindChurnEvents: {
			"customer_id":    {"customer_id", "customer id", "account_id", "account id", "customerid", "accountid", "subscriber id", "customer", "account"},
			"churned_at":     {"churned_at", "churn date", "churn_date", "churned on", "churned at", "event date", "event_date", "cancellation date", "canceled at", "cancelled at", "date"},
			"reactivated_at": {"reactivated_at", "reactivated at", "reactivated on", "reactivation date", "reactivation_date", "returned at", "return date", "resubscription date"},
			"reactivation":   {"reactivation", "is_reactivation", "is reactivation", "reactivated", "is reactivated"},
		},
		row.KindSubscriptions: {
			"id":          {"id", "subscription_id", "subscription id", "subscriptionid", "subscription"},
			"customer_id": {"customer_id", "customer id", "account_id", "account id", "customerid", "accountid", "customer", "account"},
			"started_at":  {"started_at", "start_date", "start date", "started at", "started on", "subscription start", "activated_at", "activated at"},
			"ended_at":    {"ended_at", "end_date", "end date", "ended at", "ended on", "subscription end", "canceled_at", "cancelled_at", "canceled at", "cancelled at"},
			"amount":      {"amount", "mrr_amount", "mrr", "monthly_revenue", "monthly revenue", "monthly amount", "price", "plan amount", "arr_amount", "arr"},
			"status":      {"status", "subscription status", "state", "subscription state"},
			"trial":       {"trial", "is_trial", "is trial", "trialing"},
		},
		row.KindSpend: {
			"date":     {"date", "day", "spend date", "spend_date", "reporting starts", "week", "period"},
			"amount":   {"amount", "spend", "cost", "amount spent", "amount_spent", "spent", "ad spend", "marketing spend", "total spend", "amount spent (usd)", "amount spent (eur)"},
			"channel":  {"channel", "source", "campaign", "campaign name", "campaign_name", "utm_source", "medium", "platform", "network", "marketing channel"},
			"category": {"category", "spend category", "spend_category", "expense category"},
			"currency": {"currency", "currency code", "currencyisocode"},
		},
	},
	Flags: map[string][]string{
		"won":    {"iswon", "is won", "is_won", "is closed won", "hs_is_closed_won"},
		"closed": {"isclosed", "is closed", "is_closed", "is deal closed?", "hs_is_closed"},
		"status": {"deal - status", "status_type", "deal status type"},
	},
}

// companyCurrencyAmount is the amount in the company's currency, preferred
// over "Amount" when the file has no currency column (see matchColumns).
var companyCurrencyAmount = []string{"amount in company currency", "amount_in_home_currency", "amount (converted)"}
