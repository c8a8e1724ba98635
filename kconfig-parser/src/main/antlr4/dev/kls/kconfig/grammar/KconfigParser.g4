/*
 * Kconfig statements, after the Linux 6.1 scripts/kconfig/parser.y.
 *
 * Tokens come from dev.kls.kconfig.KconfigLexer, a hand-written lexer,
 * because Kconfig is not context free at the character level: macros are
 * expanded before a word means anything, help text ends by indentation, and
 * the right-hand side of `X := ...` is raw text. The lexer already drops
 * redundant end-of-line tokens, as the kernel's second-stage lexer does.
 */
parser grammar KconfigParser;

tokens {
    EOL, WORD, QUOTED, HELPTEXT, ASSIGN_VAL,
    MAINMENU, CONFIG, MENUCONFIG, CHOICE, ENDCHOICE, COMMENT, MENU, ENDMENU,
    IF, ENDIF, SOURCE, RSOURCE, OSOURCE, ORSOURCE,
    BOOL, TRISTATE, INT, HEX, STRING,
    DEF_BOOL, DEF_TRISTATE, DEFAULT, DEPENDS, ON, SELECT, IMPLY, RANGE,
    HELP, PROMPT, VISIBLE, OPTIONAL, MODULES, OPTION, TRANSITIONAL,
    OR, AND, EQUAL, UNEQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, NOT,
    OPEN_PAREN, CLOSE_PAREN, COLON_EQUAL, PLUS_EQUAL
}

file
    : stmt* EOF
    ;

stmt
    : mainmenuStmt
    | configStmt
    | menuconfigStmt
    | choiceStmt
    | commentStmt
    | menuStmt
    | ifStmt
    | sourceStmt
    | assignmentStmt
    ;

mainmenuStmt
    : MAINMENU QUOTED EOL
    ;

configStmt
    : CONFIG WORD EOL configOption*
    ;

menuconfigStmt
    : MENUCONFIG WORD EOL configOption*
    ;

configOption
    : typeOption
    | promptOption
    | defaultOption
    | selectOption
    | rangeOption
    | MODULES EOL
    | TRANSITIONAL EOL
    | optionOption
    | dependsOption
    | helpOption
    ;

typeOption
    : type=(BOOL | TRISTATE | INT | HEX | STRING) (QUOTED ifExpr?)? EOL
    ;

promptOption
    : PROMPT QUOTED ifExpr? EOL
    ;

defaultOption
    : kind=(DEFAULT | DEF_BOOL | DEF_TRISTATE) expr ifExpr? EOL
    ;

selectOption
    : kind=(SELECT | IMPLY) WORD ifExpr? EOL
    ;

rangeOption
    : RANGE symbol symbol ifExpr? EOL
    ;

// Removed from Linux in 5.x/6.x; kept so that older trees still parse.
optionOption
    : OPTION WORD (EQUAL symbol)? EOL
    ;

dependsOption
    : DEPENDS ON expr EOL
    ;

helpOption
    : HELP EOL HELPTEXT
    ;

choiceStmt
    : CHOICE WORD? EOL choiceOption* choiceBody* ENDCHOICE EOL
    ;

choiceOption
    : promptOption
    | typeOption
    | OPTIONAL EOL
    | defaultOption
    | dependsOption
    | helpOption
    ;

// A choice holds configs, comments and if blocks; anything else is reported
// by the AST builder with a readable message instead of a parse error.
choiceBody
    : stmt
    ;

commentStmt
    : COMMENT QUOTED EOL dependsOption*
    ;

menuStmt
    : MENU QUOTED EOL menuOption* stmt* ENDMENU EOL
    ;

menuOption
    : VISIBLE ifExpr? EOL
    | dependsOption
    ;

ifStmt
    : IF expr EOL stmt* ENDIF EOL
    ;

sourceStmt
    : kind=(SOURCE | RSOURCE | OSOURCE | ORSOURCE) QUOTED EOL
    ;

assignmentStmt
    : WORD op=(EQUAL | COLON_EQUAL | PLUS_EQUAL) ASSIGN_VAL? EOL
    ;

ifExpr
    : IF expr
    ;

// Precedence as in parser.y: ! binds tightest, then comparisons (which only
// join two symbols), then &&, then ||.
expr
    : NOT expr                                  # notExpr
    | expr AND expr                             # andExpr
    | expr OR expr                              # orExpr
    | OPEN_PAREN expr CLOSE_PAREN               # parenExpr
    | symbol op=(EQUAL | UNEQUAL | LESS | LESS_EQUAL | GREATER | GREATER_EQUAL) symbol # compareExpr
    | symbol                                    # symbolExpr
    ;

symbol
    : WORD
    | QUOTED
    ;
