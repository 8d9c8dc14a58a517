package io.tideway.query.external;

/**
 * Why a job from the jobs topic is not run, and what becomes of it.
 *
 * @param deadLetter true when the job cannot be trusted to belong to the account it names (bad id, unknown account,
 *                   missing or wrong authorization): it goes to the dead-letter topic and no event is published
 *                   under that account; false when it is the account's job but cannot run: it ends as an error job
 * @param reason     a sentence saying what is wrong and what to do
 */
public record Refusal(boolean deadLetter, String reason) {

    static Refusal deadLetter(String reason) {
        return new Refusal(true, reason);
    }

    static Refusal failed(String reason) {
        return new Refusal(false, reason);
    }
}
