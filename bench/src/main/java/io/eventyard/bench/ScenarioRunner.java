package io.eventyard.bench;

/** Drives one kind of scenario against one target and measures it. */
interface ScenarioRunner {

    /** Runs to the end and deletes what it created; throws only if the run could not be done at all. */
    RunResult run(RunContext context) throws Exception;

    static ScenarioRunner of(Scenario.Kind kind) {
        switch (kind) {
            case STREAM:
                return new StreamRunner();
            case SHORT_CONNECTIONS:
                return new ShortConnectionRunner();
            case BACKLOG:
                return new BacklogRunner();
            default:
                throw new IllegalArgumentException("no runner for " + kind);
        }
    }
}
