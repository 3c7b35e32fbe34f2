package crm

import (
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
	if c := col("subscriptionid", "subscription", "subscriptionname"); c != "" {
		return &NotAKind{What: Subscriptions, Column: c}
	}
	if c := col("transactionid", "orderid", "invoiceid", "orderlineid", "invoicenumber", "ordernumber"); c != "" {
		return &NotAKind{What: Transactions, Column: c}
	}
	if c := col("expenseid", "expense", "expensetype", "expensecategory"); c != "" {
		return &NotAKind{What: Expenses, Column: c}
	}
	// A file with a stage column is a deals file that lacks something,
	// never a list of sales people.
	people := has(row.KindDeals, "owner") || col("salesagent", "salesrep", "agent") != ""
	if people && (has(row.KindDeals, "team") || col("manager") != "") && !has(row.KindCustomers, "id") && !has(row.KindDeals, "id") &&
		!has(row.KindSpend, "date") && !has(row.KindDeals, "stage") {
		return &NotAKind{What: SalesPeople, Header: header}
	}
	if col("product", "productname", "sku") != "" && col("salesprice", "price", "listprice", "unitprice") != "" &&
		!has(row.KindCustomers, "id") && !has(row.KindDeals, "id") && !has(row.KindSpend, "date") {
		return &NotAKind{What: PriceList, Header: header}
	}
	return nil
}
