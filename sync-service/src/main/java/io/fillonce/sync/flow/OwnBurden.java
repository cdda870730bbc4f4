package io.fillonce.sync.flow;

import java.util.List;

/** A cadre's own figure: forms and fields its submissions spared departments, in all and day by day (UTC). */
record OwnBurden(String principal, long forms, long fields, List<Day> days) {

    record Day(String day, long forms, long fields) {
    }
}
