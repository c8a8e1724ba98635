#include "tree.h"

/* Visits every node; the recursion ends at the leaves. */
int walk(struct visitor *v, struct node *n)
{
	if (!n)
		return 0;
	return v->visit(v, n) + walk(v, n->left) + walk(v, n->right);
}

static int count_visit(struct visitor *v, struct node *n)
{
	struct visitor inner = { .visit = count_visit };

	return n->value ? walk(&inner, n->left) : 1;
}

int count(struct node *root)
{
	struct visitor v = { .visit = count_visit };

	return walk(&v, root);
}
