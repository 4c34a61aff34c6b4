@tradevest @in-process @outcomes
Feature: Tradevest onboarding outcomes by magic values
  Besides APPROVED, an onboarding can end REJECTED, INVALID or REVIEW (§9).
  The sandbox decides deterministically by the entity's data, as Stripe's
  test cards do (decision D84): the last name of the natural person (of
  either person of a joint person, of a proxy's natural person) or the
  legal name of a legal entity, without case or surrounding spaces:

  | name     | onboarding                    | role and entity                           |
  | Rejected | REJECTED after 60 s           | CREATED again (fixable: change the data)  |
  | Critical | REJECTED after 60 s           | REJECTED                                  |
  | Invalid  | INVALID after 1 s             | CREATED again (VALIDATION_ERROR webhook)  |
  | Review   | REVIEW after 60 s             | REVIEW                                    |

  Background:
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And the sandbox clock is frozen at "2030-01-01T09:00:00Z"

  Scenario Outline: A person named <name> is onboarded with the outcome <onboarding>
    When I POST "/entities/natural-persons" with body:
      """
      {"firstName": "Test", "lastName": "<name>", "birthDay": "1980-01-01", "birthPlace": "Berlin", "birthCountry": "DE",
       "nationalities": [{"countryCode": "DE"}],
       "mainAddress": {"street": "A", "streetNumber": "1", "city": "Berlin", "zip": "10117", "country": "DE"}}
      """
    And I save the response field "naturalPersonId" as "np"
    And I POST "/roles/customers" with body:
      """
      {"entityId": "{np}", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "customer"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{customer}"}
      """
    And I save the response field "onboardingId" as "onb"
    And the sandbox clock advances 60 seconds
    When I GET "/roles/onboardings/{onb}"
    Then the response field "status" is "<onboarding>"
    When I GET "/roles/customers/{customer}"
    Then the response field "customerStatus" is "<role>"
    And the response field "approvedOn" is <approved>
    When I GET "/entities/natural-persons/{np}"
    Then the response field "naturalPersonStatus" is "<entity>"

    Examples:
      | name       | onboarding | role     | entity   | approved                   |
      | Mustermann | APPROVED   | ACTIVE   | ACTIVE   | "2030-01-01T09:01:00.000Z" |
      | Rejected   | REJECTED   | CREATED  | CREATED  | null                       |
      | critical   | REJECTED   | REJECTED | REJECTED | null                       |
      | Invalid    | INVALID    | CREATED  | CREATED  | null                       |
      | REVIEW     | REVIEW     | REVIEW   | REVIEW   | null                       |

  Scenario: An INVALID onboarding ends after its first second, with a VALIDATION_ERROR notification
    Given a webhook receiver is listening
    And I POST "/webhooks" with body:
      """
      {"eventType": "ONBOARDING_NOTIFICATION", "url": "{receiver_url}"}
      """
    And I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" with body:
      """
      {"lastName": "Invalid"}
      """
    And I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "customer"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{customer}"}
      """
    And I save the response field "onboardingId" as "onb"
    When the sandbox clock advances 1 second
    And I GET "/roles/onboardings/{onb}"
    Then the response field "status" is "INVALID"
    And the response field "modifiedOn" is "2030-01-01T09:00:01.000Z"
    And the receiver gets, in order, the notifications:
      """
      [{"onboardingId": "{onb}", "roleType": "CUSTOMER", "roleId": "{customer}", "status": "CREATED", "modifiedOn": "2030-01-01T09:00:00.000Z", "notificationType": "CREATED"},
       {"onboardingId": "{onb}", "roleType": "CUSTOMER", "roleId": "{customer}", "status": "INVALID", "modifiedOn": "2030-01-01T09:00:01.000Z", "notificationType": "VALIDATION_ERROR"}]
      """
    # Fixed data onboards again, and is approved.
    When I PATCH "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" with body:
      """
      {"lastName": "Musterfrau"}
      """
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{customer}"}
      """
    Then the response status is 200
    When the sandbox clock advances 60 seconds
    And I GET "/roles/customers/{customer}"
    Then the response field "customerStatus" is "ACTIVE"

  Scenario: A legal entity's legal name decides its outcome
    Given I PATCH "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01" with body:
      """
      {"legalName": "Review"}
      """
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    When the sandbox clock advances 60 seconds
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "customerStatus" is "REVIEW"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    Then the response status is 409
