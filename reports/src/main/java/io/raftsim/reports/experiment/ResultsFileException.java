package io.raftsim.reports.experiment;

/** A malformed or missing results file: the message is one line naming the file, line, field and value. */
public final class ResultsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResultsFileException(String message) {
        super(message.replace('\n', ' '));
    }
}
