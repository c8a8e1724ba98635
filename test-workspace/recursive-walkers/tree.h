/* Legitimate recursion outside address translation: walkers and a parser. */
#ifndef TREE_H
#define TREE_H

struct node {
	struct node *left, *right;
	int value;
};

struct visitor {
	int (*visit)(struct visitor *, struct node *);
	int depth;
};

int walk(struct visitor *v, struct node *n);
int parse_expr(const char **s);

#endif
