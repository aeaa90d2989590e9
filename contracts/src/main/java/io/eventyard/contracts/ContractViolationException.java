package io.eventyard.contracts;

import java.util.List;
import java.util.stream.Collectors;

/** A payload or its headers that the contract does not allow; the message lists every violation. */
public class ContractViolationException extends RuntimeException {

    private final transient List<ContractViolation> violations;

    public ContractViolationException(String what, List<ContractViolation> violations) {
        super(what + " breaks the contract:\n  " + violations.stream().map(ContractViolation::toString)
                .collect(Collectors.joining("\n  ")));
        this.violations = List.copyOf(violations);
    }

    public List<ContractViolation> violations() {
        return violations;
    }
}
