/**
 * MMSKit's test kit: {@link org.mmskit.testkit.MockMmsc}, an MMSC simulator on loopback that speaks
 * the MMSC side of MM7 and EAIF, records what the application submits ({@link
 * org.mmskit.testkit.Submission}), answers as scripted ({@link org.mmskit.testkit.MmscReply}) and
 * sends deliveries and reports to the application's listener ({@link
 * org.mmskit.testkit.VaspAnswer}). Meant for test scope. Values are non-null unless {@code
 * Optional}.
 */
package org.mmskit.testkit;
