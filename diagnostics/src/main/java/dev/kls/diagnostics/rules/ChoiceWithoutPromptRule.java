package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Rule;
import dev.kls.kconfig.Diagnostic;

/** choice-without-prompt: a choice, or a value of a choice, that has no prompt. */
@AutoService(Rule.class)
public final class ChoiceWithoutPromptRule extends KconfigWarnings {

    @Override
    public String id() {
        return "choice-without-prompt";
    }

    @Override
    public String summary() {
        return "A choice or a choice value without a prompt: the user cannot pick it";
    }

    @Override
    boolean claims(Diagnostic d) {
        return matches(CHOICE_WITHOUT_PROMPT, d);
    }
}
