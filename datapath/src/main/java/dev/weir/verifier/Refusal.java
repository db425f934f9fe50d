package dev.weir.verifier;

/**
 * Why a reference or an instruction is refused: the rule, what exactly is wrong, and a fix
 * specific to the case (null: the rule's default).
 */
record Refusal(Rule rule, String detail, String fix) {
    Refusal(Rule rule, String detail) {
        this(rule, detail, null);
    }

    String fixOrDefault() {
        return fix != null ? fix : rule.fix();
    }
}
