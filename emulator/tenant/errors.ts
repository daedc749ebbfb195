// Entra sign-in outcomes: the AADSTS code, the failureReason Graph shows, the LogonError name the unified audit log
// shows, and whether the STS counts it as a user error or an interrupt (ResultStatusDetail). Texts follow the real
// exports in shared/fixtures/real and Microsoft's AADSTS error reference.

export interface SignInOutcome {
  errorCode: number;
  failureReason: string | null;
  logonError: string;
  /** UAL ExtendedProperties ResultStatusDetail. */
  statusDetail: 'Success' | 'UserError' | 'Redirect';
}

const o = (errorCode: number, failureReason: string | null, logonError: string, statusDetail: SignInOutcome['statusDetail']): SignInOutcome => ({
  errorCode,
  failureReason,
  logonError,
  statusDetail,
});

export const OUTCOMES = {
  success: o(0, null, '', 'Success'),
  badPassword: o(50126, 'Error validating credentials due to invalid username or password.', 'InvalidUserNameOrPassword', 'UserError'),
  locked: o(50053, 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.', 'IdsLocked', 'UserError'),
  disabled: o(50057, 'User account is disabled. The account has been disabled by an administrator.', 'UserAccountDisabled', 'UserError'),
  unknownUser: o(50034, 'The user account does not exist in the directory. To sign into this application, the account must be added to the directory.', 'UserAccountNotFound', 'UserError'),
  mfaInterrupt: o(50074, 'User did not pass the MFA challenge.', 'UserStrongAuthClientAuthNRequiredInterrupt', 'Redirect'),
  mfaRequired: o(50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.", 'UserStrongAuthClientAuthNRequired', 'UserError'),
  mfaFailed: o(500121, 'Authentication failed during strong authentication request.', 'AuthenticationFailedDuringStrongAuthRequest', 'UserError'),
  kmsiInterrupt: o(50140, "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.", 'KmsiInterrupt', 'Redirect'),
  passwordExpired: o(50055, 'The password is expired.', 'InvalidPasswordExpiredPassword', 'UserError'),
  silentFailed: o(50058, 'The application tried to perform a silent sign in and the user could not be silently signed in. The application needs to start an interactive flow giving users an option to sign in. Contact app owner.', 'UserInformationNotProvided', 'UserError'),
  flowTokenExpired: o(50089, 'Flow token expired - Authentication Failed. Have the user try signing-in again with username -password.', 'FlowTokenExpired', 'UserError'),
  caBlocked: o(53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.', 'BlockedByConditionalAccess', 'UserError'),
  cmsiInterrupt: o(50199, 'For security reasons, user confirmation is required for this request. Please repeat the request allowing user interaction.', 'CmsiInterrupt', 'Redirect'),
  deviceAuthFailed: o(50155, 'Device authentication failed for this user.', 'DeviceAuthenticationFailed', 'UserError'),
  pendingDeviceCode: o(70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.', 'AuthorizationPending', 'UserError'),
} as const;

export type OutcomeKey = keyof typeof OUTCOMES;

/** status.additionalDetails texts Entra writes on MFA steps. */
export const MFA_DETAILS = {
  satisfiedByClaim: 'MFA requirement satisfied by claim in the token',
  completed: 'MFA completed in Azure AD',
  declined: 'MFA denied; user declined the authentication',
  noResponse: 'MFA denied; user did not respond to mobile app notification',
  skippedRegisteredDevice: 'MFA requirement skipped due to registered device',
} as const;
