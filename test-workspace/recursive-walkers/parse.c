#include "tree.h"

static int parse_term(const char **s);
static int parse_factor(const char **s);

/* A recursive-descent parser: expr -> term -> factor -> ( expr ). */
int parse_expr(const char **s)
{
	int v = parse_term(s);

	while (**s == '+') {
		(*s)++;
		v += parse_term(s);
	}
	return v;
}

static int parse_term(const char **s)
{
	int v = parse_factor(s);

	while (**s == '*') {
		(*s)++;
		v *= parse_factor(s);
	}
	return v;
}

static int parse_factor(const char **s)
{
	int v;

	if (**s == '(') {
		(*s)++;
		v = parse_expr(s);
		(*s)++;
		return v;
	}
	return *(*s)++ - '0';
}
