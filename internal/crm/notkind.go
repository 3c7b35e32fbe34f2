package crm

import (
	"fmt"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// notAKind recognises the files of a CRM or SaaS export that are none of
// salesgoal's kinds, but whose headers would otherwise read as customers
// (a subscriptions file has a customer id on every line) or leave the user
// with a list of aliases: subscriptions, transactions and orders, a list of
// sales people and their teams, a product price list. It is asked only
// when the kind is being detected and the file is not plainly deals or
// spend; has reports whether the header carries a field of a kind.
func notAKind(header, keys []string, has func(row.Kind, string) bool) error {
	col := func(names ...string) string {
		for _, n := range names {
			for i, k := range keys {
				if k == n {
					return header[i]
				}
			}
		}
		return ""
	}
	const kinds = "salesgoal does not import (it imports deals, customers and spend)"
	if c := col("subscriptionid", "subscription", "subscriptionname"); c != "" {
		msg := fmt.Sprintf("this is a subscriptions file (column %q), which %s: "+
			"import customers from the customers (accounts) file, and churn dates from a file with one line per customer", c, kinds)
		if end := col("enddate", "endedat", "subscriptionenddate", "canceledat", "cancelledat"); end != "" && has(row.KindCustomers, "id") {
			msg += fmt.Sprintf("; if every customer has one subscription here, --kind customers --map churned_at=%q reads its end date as the churn date", end)
		}
		return fmt.Errorf("%s", msg)
	}
	if c := col("transactionid", "orderid", "invoiceid", "orderlineid", "invoicenumber", "ordernumber"); c != "" {
		return fmt.Errorf("this is a file of transactions or orders (column %q), which %s: "+
			"to read each line as a won deal, pass --kind deals with --map id=%q --set stage=won and --map for its amount and dates", c, kinds, c)
	}
	if c := col("expenseid", "expense", "expensetype", "expensecategory"); c != "" {
		return fmt.Errorf("this is a file of company expenses (column %q), which %s: "+
			"spend is marketing or sales spend by channel, for CAC; import a spend file, or keep only the marketing rows here and give them a channel (--set channel=NAME)", c, kinds)
	}
	people := has(row.KindDeals, "owner") || col("salesagent", "salesrep", "agent") != ""
	if people && (has(row.KindDeals, "team") || col("manager") != "") && !has(row.KindCustomers, "id") && !has(row.KindDeals, "id") && !has(row.KindSpend, "date") {
		return fmt.Errorf("this is a list of sales people and their teams (%s), which %s: "+
			"a deal's team is read from the deals file, so add a team column to the deals export (in a spreadsheet: look the team up by owner) and import that", quoteList(header), kinds)
	}
	if col("product", "productname", "sku") != "" && col("salesprice", "price", "listprice", "unitprice") != "" &&
		!has(row.KindCustomers, "id") && !has(row.KindDeals, "id") && !has(row.KindSpend, "date") {
		return fmt.Errorf("this is a product price list (%s), which %s: "+
			"a deal's amount is read from the deals file", quoteList(header), kinds)
	}
	return nil
}
